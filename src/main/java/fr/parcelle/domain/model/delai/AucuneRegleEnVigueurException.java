package fr.parcelle.domain.model.delai;

import java.time.LocalDate;

/** The reference data hold no rule for this case on this date (before the data begin, say). */
public class AucuneRegleEnVigueurException extends RuntimeException {

  private final LocalDate date;

  public AucuneRegleEnVigueurException(String regle, LocalDate date) {
    super("Aucune règle « " + regle + " » en vigueur le " + date + ".");
    this.date = date;
  }

  public LocalDate date() {
    return date;
  }
}
