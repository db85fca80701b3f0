package fr.parcelle.domain.model.piece;

import fr.parcelle.domain.model.dossier.TypeDossier;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closed list of pièces the code allows for each kind of dossier (L423-1), with their
 * conditions.
 */
public final class CataloguePieces {

  /** One row of the catalogue. */
  public record Entree(
      TypeDossier type, String code, String libelle, String article, ConditionPiece condition) {}

  private final List<Entree> entrees;

  public CataloguePieces(List<Entree> entrees) {
    this.entrees = List.copyOf(entrees);
  }

  /** The pièces of a dossier of this kind with these contraintes, in catalogue order. */
  public List<PieceAttendue> piecesAttendues(TypeDossier type, Set<String> contraintes) {
    Set<String> projet =
        Set.copyOf(contraintes); // one copy, not a lazy collection probed per entry
    return entrees.stream()
        .filter(e -> e.type() == type && e.condition().applicable(projet))
        .map(
            e -> new PieceAttendue(e.code(), e.libelle(), e.article(), e.condition().obligatoire()))
        .toList();
  }

  public Optional<PieceAttendue> piece(TypeDossier type, Set<String> contraintes, String code) {
    return piecesAttendues(type, contraintes).stream()
        .filter(p -> p.code().equals(code))
        .findFirst();
  }

  public List<Entree> entrees() {
    return entrees;
  }
}
