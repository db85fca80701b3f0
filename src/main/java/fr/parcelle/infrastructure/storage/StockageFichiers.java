package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.port.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Original bytes on disk, addressed by SHA-256 ({@code <racine>/ab/cd/<sha256>}). A file is written
 * to a private temporary file while both hashes and a CRC32C are computed ({@link
 * ReceptionTemporaire}), fsynced, read back and checked against what was received, then renamed
 * atomically into place and never written again. The same bytes filed twice are kept once. Chosen
 * by {@link ChoixStockage} ({@code parcelle.storage.type=fichiers}, the default).
 */
public class StockageFichiers implements DocumentStore {

  private static final Logger LOG = Logger.getLogger(StockageFichiers.class.getName());

  /** Where contents no row points to wait before their deletion: {@code <racine>/corbeille}. */
  static final String CORBEILLE = "corbeille";

  private static final Pattern HEXA2 = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path racine;
  private final Path temporaire;
  private final Path corbeille;

  public StockageFichiers(Path racine) {
    this.racine = racine.toAbsolutePath();
    this.temporaire = this.racine.resolve("tmp");
    this.corbeille = this.racine.resolve(CORBEILLE);
    try {
      Files.createDirectories(temporaire);
    } catch (IOException e) {
      throw new UncheckedIOException("Stockage des documents impossible dans " + this.racine, e);
    }
    LOG.info(() -> "Documents conservés dans " + this.racine);
  }

  @Override
  public Reception recevoir(InputStream flux, long tailleMax) throws IOException {
    return new Recue(ReceptionTemporaire.ecrire(temporaire, flux, tailleMax, true));
  }

  @Override
  public Empreinte conserver(byte[] contenu) throws IOException {
    try (Reception r = recevoir(new java.io.ByteArrayInputStream(contenu), Long.MAX_VALUE)) {
      r.conserver();
      return r.empreinte();
    }
  }

  @Override
  public InputStream ouvrir(Empreinte empreinte) throws IOException {
    String sha256 = empreinte.sha256();
    try {
      return Files.newInputStream(chemin(sha256));
    } catch (NoSuchFileException e) {
      if (!Files.exists(chemin(corbeille, sha256))) {
        throw e;
      }
      LOG.warning(() -> "Contenu " + sha256 + " lu depuis la corbeille : remis en place");
      restaurer(sha256);
      return Files.newInputStream(chemin(sha256));
    }
  }

  private Path chemin(String sha256) {
    return chemin(racine, sha256);
  }

  private static Path chemin(Path base, String sha256) {
    return base.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  @Override
  public int supprimerTemporaires(Instant avant) throws IOException {
    return ReceptionTemporaire.supprimerAnciens(temporaire, avant);
  }

  @Override
  public void parcourir(Instant avant, Consumer<String> sha256) throws IOException {
    parcourir(racine, avant, sha256);
  }

  @Override
  public void parcourirCorbeille(Instant avant, Consumer<String> sha256) throws IOException {
    if (Files.isDirectory(corbeille)) {
      parcourir(corbeille, avant, sha256);
    }
  }

  /**
   * The contents under {@code base}, in its {@code ab/cd/} directories only ({@code tmp} and {@code
   * corbeille} have longer names), one directory open at a time whatever the size of the store.
   */
  private static void parcourir(Path base, Instant avant, Consumer<String> sha256)
      throws IOException {
    for (Path niveau1 : sousRepertoires(base)) {
      for (Path niveau2 : sousRepertoires(niveau1)) {
        try (DirectoryStream<Path> fichiers = Files.newDirectoryStream(niveau2)) {
          for (Path f : fichiers) {
            String nom = f.getFileName().toString();
            if (SHA256.matcher(nom).matches()
                && nom.startsWith(niveau1.getFileName() + "" + niveau2.getFileName())
                && modifieAvant(f, avant)) {
              sha256.accept(nom);
            }
          }
        } catch (NoSuchFileException e) {
          // emptied meanwhile
        }
      }
    }
  }

  private static List<Path> sousRepertoires(Path base) throws IOException {
    List<Path> liste = new ArrayList<>();
    try (DirectoryStream<Path> entrees = Files.newDirectoryStream(base)) {
      for (Path p : entrees) {
        if (HEXA2.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
          liste.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    liste.sort(null);
    return liste;
  }

  private static boolean modifieAvant(Path f, Instant avant) throws IOException {
    try {
      return Files.getLastModifiedTime(f).toInstant().isBefore(avant);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Dated first (the trash's age is the file's date), then renamed atomically: an upload of the
   * same bytes finds the place empty and keeps them anew.
   */
  @Override
  public void mettreEnCorbeille(String sha256) throws IOException {
    Path place = chemin(sha256);
    Path cible = chemin(corbeille, sha256);
    try {
      Files.setLastModifiedTime(place, FileTime.from(Instant.now()));
      Files.createDirectories(cible.getParent());
      Files.move(place, cible, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // already gone from its place
    }
  }

  /** Back in place by an atomic rename (same bytes if an upload kept them again meanwhile). */
  @Override
  public void restaurer(String sha256) throws IOException {
    Path depuis = chemin(corbeille, sha256);
    Path place = chemin(sha256);
    try {
      Files.setLastModifiedTime(depuis, FileTime.from(Instant.now()));
      Files.createDirectories(place.getParent());
      Files.move(depuis, place, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // not in the trash (put back by a concurrent read)
    }
  }

  @Override
  public void supprimerDeCorbeille(String sha256) throws IOException {
    Files.deleteIfExists(chemin(corbeille, sha256));
  }

  private final class Recue extends ReceptionTemporaire {

    Recue(Contenu contenu) {
      super(contenu);
    }

    @Override
    protected void ranger(Contenu contenu) throws IOException {
      Path fichier = contenu.fichier();
      Path cible = chemin(contenu.empreinte().sha256());
      if (Files.exists(cible)) {
        Files.deleteIfExists(fichier); // same bytes already kept: content addressing
        return;
      }
      try (FileChannel canal =
          FileChannel.open(fichier, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        canal.force(true);
      }
      verifier(fichier, contenu.taille(), contenu.crc32c());
      Files.createDirectories(cible.getParent());
      try {
        Files.move(fichier, cible, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(fichier); // a concurrent upload of the same bytes won
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("Le stockage exige un renommage atomique", e);
      }
      try (FileChannel dossier = FileChannel.open(cible.getParent(), StandardOpenOption.READ)) {
        dossier.force(true);
      } catch (IOException e) {
        // Some file systems cannot fsync a directory; the file itself is on disk.
      }
    }
  }

  /**
   * Reads the file back after fsync and compares it with what was received: size and CRC32C
   * (computed while streaming, hardware-accelerated). The SHA-256 computed on the way in stays the
   * address; a second SHA-256 pass cost twice as much CPU for the same check (docs/performance.md).
   */
  private static void verifier(Path fichier, long tailleAttendue, long controleAttendu)
      throws IOException {
    CRC32C controle = new CRC32C();
    long lus = 0;
    try (FileChannel canal = FileChannel.open(fichier, StandardOpenOption.READ)) {
      ByteBuffer tampon = ByteBuffer.allocate(ReceptionTemporaire.TAMPON);
      int n;
      while ((n = canal.read(tampon)) != -1) {
        tampon.flip();
        controle.update(tampon);
        lus += n;
        tampon.clear();
      }
    }
    if (lus != tailleAttendue || controle.getValue() != controleAttendu) {
      throw new IOException("Contenu différent après écriture : stockage défaillant");
    }
  }
}
