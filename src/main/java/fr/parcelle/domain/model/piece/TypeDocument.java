package fr.parcelle.domain.model.piece;

/** Documents the platform issues for a dossier. */
public enum TypeDocument {
  /**
   * Accusé d'enregistrement électronique (CRPA L112-11, R112-11-1): issued as soon as the
   * submission is saved.
   */
  AEE("accuse-enregistrement"),
  /**
   * Récépissé de dépôt, which is the accusé de réception électronique of a DAU (R423-3, R423-4,
   * R423-5).
   */
  RECEPISSE("recepisse"),
  /** The decision, signed by the competent authority (PAdES): the legal output of instruction. */
  ARRETE("arrete"),
  /** The single request for missing pièces (R423-38), with the majoration if any (R423-42). */
  DEMANDE_PIECES("demande-pieces"),
  /** The notification of a majoration of the délai (R423-42), for a complete file. */
  MAJORATION("majoration"),
  /** Certificate of a tacit decision (R424-13), issued automatically the day it arises. */
  CERTIFICAT_DECISION_TACITE("certificat-decision-tacite"),
  /** Receipt of the déclaration d'ouverture de chantier (R424-16), filed on the authorisation. */
  RECEPISSE_DOC("recepisse-doc"),
  /**
   * Receipt of the DAACT (R462-1), with the day until which conformity may be contested (R462-6).
   */
  RECEPISSE_DAACT("recepisse-daact");

  private final String segment;

  TypeDocument(String segment) {
    this.segment = segment;
  }

  /** Path segment under /documents/. */
  public String segment() {
    return segment;
  }

  public static java.util.Optional<TypeDocument> depuisSegment(String s) {
    for (TypeDocument t : values()) {
      if (t.segment.equals(s)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
