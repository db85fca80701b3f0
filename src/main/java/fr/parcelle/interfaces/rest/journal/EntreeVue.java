package fr.parcelle.interfaces.rest.journal;

import fr.parcelle.domain.model.journal.EntreeJournal;
import java.util.UUID;

/**
 * An entry as exported: every hashed field exactly as hashed (the instant in its canonical text,
 * the payload as the JSON text it is), so that anyone can recompute {@code hash}.
 */
public record EntreeVue(
    long sequence,
    String instant,
    String type,
    UUID dossierId,
    String dossierNumero,
    String acteur,
    String charge,
    String hashPrecedent,
    String hash) {

  static EntreeVue de(EntreeJournal e) {
    return new EntreeVue(
        e.sequence(),
        e.instantCanonique(),
        e.type(),
        e.dossierId(),
        e.dossierNumero(),
        e.acteur(),
        e.charge(),
        e.hashPrecedent(),
        e.hash());
  }
}
