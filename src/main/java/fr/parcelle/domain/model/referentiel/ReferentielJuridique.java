package fr.parcelle.domain.model.referentiel;

import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.CataloguePieces;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The legal reference data in force (port; versioned files under src/main/resources/referentiel).
 */
public interface ReferentielJuridique {

  /** The characteristics of a kind in force on a date. */
  CaracteristiquesType caracteristiques(TypeDossier type, LocalDate date);

  CataloguePieces catalogue();

  /** Known contraintes: code → label. */
  Map<String, String> contraintes();

  /** Surface de plancher above which an architect is compulsory (R431-2). */
  BigDecimal seuilArchitecteM2();
}
