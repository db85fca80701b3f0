package fr.parcelle.domain.model.piece;

/** A file that cannot be a pièce, with the reason and, in French, what was found. */
public class PieceRefuseeException extends RuntimeException {

  private final RaisonRefus raison;

  public PieceRefuseeException(RaisonRefus raison, String constat) {
    super(constat);
    this.raison = raison;
  }

  public RaisonRefus raison() {
    return raison;
  }
}
