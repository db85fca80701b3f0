package fr.parcelle.application;

/**
 * An upload refused to protect the service from one user: too many at once or in a short time (429,
 * with the seconds to wait), or bytes trickling in too slowly to tie up a thread (408).
 */
public class TeleversementLimiteException extends RuntimeException {

  /** Why: each has its HTTP status and a stable problem type. */
  public enum Motif {
    TROP_DE_TELEVERSEMENTS(429, "trop-de-televersements", "Trop d'envois"),
    TELEVERSEMENT_TROP_LENT(408, "televersement-trop-lent", "Envoi trop lent");

    private final int statut;
    private final String type;
    private final String titre;

    Motif(int statut, String type, String titre) {
      this.statut = statut;
      this.type = type;
      this.titre = titre;
    }

    public int statut() {
      return statut;
    }

    public String type() {
      return type;
    }

    public String titre() {
      return titre;
    }
  }

  private final Motif motif;
  private final long reessayerDansSecondes;

  public TeleversementLimiteException(Motif motif, String message, long reessayerDansSecondes) {
    super(message);
    this.motif = motif;
    this.reessayerDansSecondes = reessayerDansSecondes;
  }

  public Motif motif() {
    return motif;
  }

  public long reessayerDansSecondes() {
    return reessayerDansSecondes;
  }
}
