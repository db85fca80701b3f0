package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.port.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;
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

  private final Path racine;
  private final Path temporaire;

  public StockageFichiers(Path racine) {
    this.racine = racine.toAbsolutePath();
    this.temporaire = this.racine.resolve("tmp");
    try {
      Files.createDirectories(temporaire);
    } catch (IOException e) {
      throw new UncheckedIOException("Stockage des documents impossible dans " + this.racine, e);
    }
    LOG.info(() -> "Documents conservés dans " + this.racine);
  }

  @Override
  public Reception recevoir(InputStream flux, long tailleMax) throws IOException {
    return new Recue(ReceptionTemporaire.ecrire(temporaire, flux, tailleMax));
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
    return Files.newInputStream(chemin(empreinte.sha256()));
  }

  private Path chemin(String sha256) {
    return racine.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
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
