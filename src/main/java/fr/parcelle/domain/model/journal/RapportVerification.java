package fr.parcelle.domain.model.journal;

import java.time.Instant;

/**
 * What a walk along the whole chain found: intact up to {@code derniereSequence}, or the first
 * broken link and why.
 */
public record RapportVerification(
    boolean intact,
    long entreesVerifiees,
    long derniereSequence,
    String dernierHash,
    long sequenceDeTete,
    String hashDeTete,
    Rupture rupture,
    Instant verifieLe) {

  /** How a link is broken. */
  public enum NatureRupture {
    /**
     * The stored fields do not give the stored hash: the entry was changed after it was written.
     */
    ENTREE_ALTEREE,
    /** A sequence number is missing: an entry was deleted. */
    ENTREE_SUPPRIMEE,
    /**
     * The entry is self-consistent but does not follow its predecessor: an entry was inserted,
     * replaced or moved (its previous hash is not the hash before it).
     */
    CHAINAGE_ROMPU,
    /**
     * The last entry is not the one the head table recorded: entries removed from the end, or added
     * without the head.
     */
    FIN_DE_CHAINE_INCOHERENTE
  }

  /** The first broken link: where, what, and a French sentence for people. */
  public record Rupture(long sequence, NatureRupture nature, String explication) {}
}
