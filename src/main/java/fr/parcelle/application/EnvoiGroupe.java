package fr.parcelle.application;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Several files sent in one request, read one after the other as they arrive: each file's content
 * must be read (or abandoned) before the next is asked for.
 */
public interface EnvoiGroupe {

  /** One file: the pièce code it is sent as, the name the sender gave it, its bytes. */
  record Fichier(String code, String nomFichier, InputStream contenu) {}

  /** How a request's body is read as files (the body already watched by the upload limits). */
  @FunctionalInterface
  interface Lecture {
    EnvoiGroupe lire(InputStream corps) throws IOException;
  }

  /**
   * The next file, or empty when the request holds no more.
   *
   * @throws IOException when the request is malformed or cut short
   */
  Optional<Fichier> suivant() throws IOException;
}
