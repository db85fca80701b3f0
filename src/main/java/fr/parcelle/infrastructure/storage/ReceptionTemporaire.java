package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * What every store does before keeping an upload: the body streamed to a private temporary file
 * while SHA-256, SHA-512 and a CRC32C are computed, the size limit enforced on the way. The file
 * stays local whatever the store, because the inspection (Tika, PDFBox) reads it before anything is
 * kept. Each store says only how the bytes are kept ({@link #ranger}).
 */
public abstract class ReceptionTemporaire implements DocumentStore.Reception {

  private static final Logger LOG = Logger.getLogger(ReceptionTemporaire.class.getName());
  static final int TAMPON = 64 * 1024;

  /** The received bytes, on local disk, and what was computed while they arrived. */
  public record Contenu(Path fichier, long taille, Empreinte empreinte, long crc32c) {}

  private final Contenu contenu;
  private boolean conservee;

  protected ReceptionTemporaire(Contenu contenu) {
    this.contenu = contenu;
  }

  /**
   * Streams {@code flux} into a new file of {@code repertoire}; nothing is left behind when it is
   * refused or fails.
   *
   * @throws PieceRefuseeException past {@code tailleMax} bytes
   */
  public static Contenu ecrire(Path repertoire, InputStream flux, long tailleMax)
      throws IOException {
    Path fichier = repertoire.resolve(UUID.randomUUID() + ".part");
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
    return new Contenu(
        fichier, taille, new Empreinte(hex(sha256), hex(sha512)), controle.getValue());
  }

  /** Keeps the received bytes for good; the temporary file may be gone afterwards. */
  protected abstract void ranger(Contenu contenu) throws IOException;

  @Override
  public final void conserver() throws IOException {
    if (!conservee) {
      ranger(contenu);
      conservee = true;
    }
  }

  @Override
  public Path fichier() {
    return contenu.fichier();
  }

  @Override
  public long taille() {
    return contenu.taille();
  }

  @Override
  public Empreinte empreinte() {
    return contenu.empreinte();
  }

  /**
   * Deletes the temporary file if it is still there: an upload not kept leaves nothing, and a store
   * that copied the bytes elsewhere (object store) needs it no more.
   */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(contenu.fichier());
    } catch (IOException e) {
      LOG.warning(() -> "Fichier temporaire non supprimé : " + contenu.fichier());
    }
  }

  public static MessageDigest digest(String algorithme) {
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
