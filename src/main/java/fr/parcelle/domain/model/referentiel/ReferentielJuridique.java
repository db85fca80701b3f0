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

  /** Services that may be consulted during instruction, in file order. */
  java.util.List<ServiceConsultable> servicesConsultables();

  default java.util.Optional<ServiceConsultable> serviceConsultable(String code) {
    return servicesConsultables().stream().filter(s -> s.code().equals(code)).findFirst();
  }

  /** The clause library for proposed decisions. */
  java.util.List<Clause> clauses();

  /** The declarations filed after the decision (DOC, DAACT) and the récolement window. */
  ReglesDeclarations declarations();
}
