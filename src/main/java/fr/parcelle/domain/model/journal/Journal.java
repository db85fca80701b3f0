package fr.parcelle.domain.model.journal;

import java.util.List;
import java.util.UUID;

/**
 * The journal as the application sees it. Legal events need no call: the database journals every
 * row added to a dossier's timeline when its transaction commits (migration V10).
 */
public interface Journal {

  /** Appends, in the current transaction, that {@code acteur} read {@code objet} of a dossier. */
  void noterAcces(UUID dossierId, String acteur, String objet, String roles);

  /** Every entry about one dossier, in sequence order. */
  List<EntreeJournal> duDossier(UUID dossierId);

  /** The last link as the head table records it. */
  TeteJournal tete();

  /** Walks the whole chain up to the current head. */
  RapportVerification verifier();

  /** Sequence and hash of the last entry (0 and {@link EntreeJournal#GENESE} when empty). */
  record TeteJournal(long sequence, String hash) {}
}
