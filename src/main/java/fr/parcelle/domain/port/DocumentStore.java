package fr.parcelle.domain.port;

import fr.parcelle.domain.model.piece.Empreinte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where original bytes are kept, addressed by their content (SHA-256): written once, fsynced, never
 * changed, served back byte for byte. A file-system adapter today; an object store can come behind
 * the same port.
 */
public interface DocumentStore {

  /**
   * Streams {@code flux} to a private temporary file while hashing it, never holding it whole in
   * memory.
   *
   * @throws fr.parcelle.domain.model.piece.PieceRefuseeException when it exceeds {@code tailleMax}
   *     bytes
   */
  Reception recevoir(InputStream flux, long tailleMax) throws IOException;

  /** Keeps bytes the platform generated (documents it issues). */
  Empreinte conserver(byte[] contenu) throws IOException;

  /**
   * The original bytes. A content found in the trash (put aside while something still pointed to
   * it) is first put back in place.
   */
  InputStream ouvrir(Empreinte empreinte) throws IOException;

  // Housekeeping (fr.parcelle.infrastructure.storage.MenageDuStockage): contents no row points to
  // any more (a draft's pièce replaced, bytes kept just before a failed transaction or a crash) go
  // to a trash, out of reach of content addressing, and are deleted only after a retention period
  // and a second check. A content is never deleted straight from its place: an upload of the same
  // bytes may have found it there an instant before and be about to point to it.

  /**
   * Deletes the temporary files of uploads last written before {@code avant} (left by a server
   * stopped in the middle of a reception) and says how many.
   */
  int supprimerTemporaires(Instant avant) throws IOException;

  /** Gives the SHA-256 of each kept content last written before {@code avant}, in no order. */
  void parcourir(Instant avant, Consumer<String> sha256) throws IOException;

  /**
   * Moves a kept content to the trash. An upload of the same bytes then keeps them anew; a read
   * puts them back.
   */
  void mettreEnCorbeille(String sha256) throws IOException;

  /** Gives the SHA-256 of each content put in the trash before {@code avant}. */
  void parcourirCorbeille(Instant avant, Consumer<String> sha256) throws IOException;

  /** Puts a content of the trash back in place (nothing to do if it is not in the trash). */
  void restaurer(String sha256) throws IOException;

  /** Deletes a content of the trash for good. */
  void supprimerDeCorbeille(String sha256) throws IOException;

  /**
   * A received upload, not yet kept: {@link #close()} deletes it unless {@link #conserver()} was
   * called.
   */
  interface Reception extends AutoCloseable {
    Path fichier();

    long taille();

    Empreinte empreinte();

    /** Moves the bytes into the store (atomic rename after fsync; hash verified). */
    void conserver() throws IOException;

    @Override
    void close();
  }
}
