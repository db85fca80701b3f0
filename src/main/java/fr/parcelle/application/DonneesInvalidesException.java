package fr.parcelle.application;

import java.util.List;

/** Input that breaks the rules, with every offending field named (answered as 422). */
public class DonneesInvalidesException extends RuntimeException {

  /** One invalid field: its JSON path and the reason, in French. */
  public record ChampInvalide(String champ, String message) {}

  private final List<ChampInvalide> champs;

  public DonneesInvalidesException(List<ChampInvalide> champs) {
    super("Données invalides : " + champs);
    this.champs = List.copyOf(champs);
  }

  public List<ChampInvalide> champs() {
    return champs;
  }
}
