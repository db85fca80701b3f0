package fr.parcelle.infrastructure.signature;

/** The PAdES baseline level a signature reaches (ETSI EN 319 142-1). */
public enum NiveauPades {
  /** Not a PAdES baseline signature (other subfilter, signing-time attribute, no ESS reference). */
  NON_PADES,
  /** Basic: signed attributes as the baseline requires, claimed signing time in M. */
  B_B,
  /** B-B plus a timestamp token on the signature value, which proves the signature existed then. */
  B_T
}
