package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Original bytes on disk, addressed by SHA-256 ({@code <racine>/ab/cd/<sha256>}). A file is written
 * to a private temporary file while both hashes and a CRC32C are computed, fsynced, read back and
 * checked against what was received, then renamed atomically into place and never written again.
 * The same bytes filed twice are kept once.
 */
@ApplicationScoped
public class StockageFichiers implements DocumentStore {

  private static final Logger LOG = Logger.getLogger(StockageFichiers.class.getName());
  private static final int TAMPON = 64 * 1024;

  @Inject
  @ConfigProperty(name = "parcelle.storage.dir", defaultValue = "data/documents")
  String repertoire;

  private Path racine;
  private Path temporaire;

  public StockageFichiers() {}

  /** For use outside CDI (tests, tools). */
  public StockageFichiers(Path racine) {
    this.repertoire = racine.toString();
    initialiser();
  }

  @PostConstruct
  void initialiser() {
    racine = Path.of(repertoire).toAbsolutePath();
    temporaire = racine.resolve("tmp");
    try {
      Files.createDirectories(temporaire);
    } catch (IOException e) {
      throw new UncheckedIOException("Stockage des documents impossible dans " + racine, e);
    }
    LOG.info(() -> "Documents conservés dans " + racine);
  }

  @Override
  public Reception recevoir(InputStream flux, long tailleMax) throws IOException {
    Path fichier = temporaire.resolve(UUID.randomUUID() + ".part");
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha512 = digest("SHA-512");
    CRC32C controle = new CRC32C();
    long taille = 0;
    boolean ok = false;
    try (OutputStream out =
        Files.newOutputStream(fichier, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] tampon = new byte[TAMPON];
      int n;
      while ((n = flux.read(tampon)) != -1) {
        taille += n;
        if (taille > tailleMax) {
          throw new PieceRefuseeException(
              RaisonRefus.FICHIER_TROP_VOLUMINEUX,
              "Le fichier dépasse " + (tailleMax / (1024 * 1024)) + " Mo.");
        }
        sha256.update(tampon, 0, n);
        sha512.update(tampon, 0, n);
        controle.update(tampon, 0, n);
        out.write(tampon, 0, n);
      }
      ok = true;
    } finally {
      if (!ok) {
        Files.deleteIfExists(fichier);
      }
    }
    return new Recue(fichier, taille, new Empreinte(hex(sha256), hex(sha512)), controle.getValue());
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

  private final class Recue implements Reception {
    private final Path fichier;
    private final long taille;
    private final Empreinte empreinte;
    private final long controle;
    private boolean conservee;

    Recue(Path fichier, long taille, Empreinte empreinte, long controle) {
      this.fichier = fichier;
      this.taille = taille;
      this.empreinte = empreinte;
      this.controle = controle;
    }

    @Override
    public Path fichier() {
      return fichier;
    }

    @Override
    public long taille() {
      return taille;
    }

    @Override
    public Empreinte empreinte() {
      return empreinte;
    }

    @Override
    public void conserver() throws IOException {
      Path cible = chemin(empreinte.sha256());
      if (Files.exists(cible)) {
        conservee = true; // same bytes already kept: content addressing
        Files.deleteIfExists(fichier);
        return;
      }
      try (FileChannel canal =
          FileChannel.open(fichier, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        canal.force(true);
      }
      verifier(fichier, taille, controle);
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
      conservee = true;
    }

    @Override
    public void close() {
      if (!conservee) {
        try {
          Files.deleteIfExists(fichier);
        } catch (IOException e) {
          LOG.warning(() -> "Fichier temporaire non supprimé : " + fichier);
        }
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
      ByteBuffer tampon = ByteBuffer.allocate(TAMPON);
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

  private static MessageDigest digest(String algorithme) {
    try {
      return MessageDigest.getInstance(algorithme);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }
}
