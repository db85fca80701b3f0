package fr.parcelle.application;

import java.util.UUID;

/**
 * No dossier with that id that the caller may see (someone else's file is reported the same way).
 */
public class DossierIntrouvableException extends RuntimeException {

  public DossierIntrouvableException(UUID id) {
    super("Aucun dossier " + id + " n'est accessible.");
  }
}
