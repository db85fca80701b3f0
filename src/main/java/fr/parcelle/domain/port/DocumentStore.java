package fr.parcelle.domain.port;

import fr.parcelle.domain.model.piece.Empreinte;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

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

  /** The original bytes. */
  InputStream ouvrir(Empreinte empreinte) throws IOException;

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
