package fr.parcelle.application;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.domain.model.delai.AucuneRegleEnVigueurException;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public simulator of délais, as the portal calls it before anyone signs in: raw parameters
 * checked against the reference data (every bad one named), then {@link CalculDelais#simuler}.
 */
@ApplicationScoped
public class SimulationDelais {

  static final int CONTRAINTES_MAX = 50;
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final int ECHO_MAX = 40;

  private final CalculDelais calcul;
  private final ReferentielJuridique referentiel;
  private final Territoire territoire;

  @Inject
  public SimulationDelais(
      CalculDelais calcul, ReferentielJuridique referentiel, Territoire territoire) {
    this.calcul = calcul;
    this.referentiel = referentiel;
    this.territoire = territoire;
  }

  /** CDI proxy constructor. */
  protected SimulationDelais() {
    this(null, null, null);
  }

  /** A simulated délai and the kind and date it was asked for. */
  public record Simulation(TypeDossier type, LocalDate dateDepot, DelaiInstruction delai) {}

  /**
   * @param type CUa, CUb, DP, PCMI, PC, PA or PD
   * @param dateDepot the intended deposit, {@code AAAA-MM-JJ}
   * @param contraintes codes of {@code referentiel/contraintes.csv}, repeats ignored
   * @param communeInsee optional: a commune served, whose département's holidays then count; none:
   *     national holidays only
   * @throws DonneesInvalidesException naming every bad parameter
   */
  public Simulation simuler(
      String type, String dateDepot, List<String> contraintes, String communeInsee) {
    List<ChampInvalide> erreurs = new ArrayList<>();

    TypeDossier typeDossier = null;
    if (vide(type)) {
      erreurs.add(new ChampInvalide("type", "Le type de dossier est obligatoire."));
    } else {
      typeDossier = TypeDossier.depuisCode(type).orElse(null);
      if (typeDossier == null) {
        erreurs.add(
            new ChampInvalide(
                "type", "Type inconnu « " + echo(type) + " » : CUa, CUb, DP, PCMI, PC, PA ou PD."));
      }
    }

    LocalDate date = null;
    if (vide(dateDepot)) {
      erreurs.add(new ChampInvalide("dateDepot", "La date de dépôt est obligatoire (AAAA-MM-JJ)."));
    } else {
      date = date(dateDepot);
      if (date == null) {
        erreurs.add(
            new ChampInvalide(
                "dateDepot",
                "Date invalide « " + echo(dateDepot) + " » : une date réelle, AAAA-MM-JJ."));
      }
    }

    Set<String> codes = new LinkedHashSet<>();
    List<String> saisies = contraintes == null ? List.of() : contraintes;
    if (saisies.size() > CONTRAINTES_MAX) {
      erreurs.add(new ChampInvalide("contraintes", "Au plus " + CONTRAINTES_MAX + " contraintes."));
    } else {
      for (String c : saisies) {
        if (c == null || !referentiel.contraintes().containsKey(c)) {
          erreurs.add(
              new ChampInvalide(
                  "contraintes",
                  "Contrainte inconnue « "
                      + echo(c)
                      + " » : "
                      + String.join(", ", referentiel.contraintes().keySet())
                      + "."));
        } else {
          codes.add(c);
        }
      }
    }

    String departement = null;
    if (!vide(communeInsee)) {
      departement = territoire.commune(communeInsee).map(Commune::departement).orElse(null);
      if (departement == null) {
        erreurs.add(
            new ChampInvalide(
                "communeInsee",
                "La commune " + echo(communeInsee) + " n'est pas servie par cette plateforme."));
      }
    }

    if (!erreurs.isEmpty()) {
      throw new DonneesInvalidesException(erreurs);
    }
    try {
      return new Simulation(
          typeDossier, date, calcul.simuler(typeDossier, date, codes, departement));
    } catch (AucuneRegleEnVigueurException e) {
      throw new DonneesInvalidesException(
          List.of(
              new ChampInvalide(
                  "dateDepot",
                  "Aucune règle de délai n'est en vigueur le " + date + " dans le référentiel.")));
    }
  }

  private static LocalDate date(String texte) {
    if (!DATE.matcher(texte).matches()) {
      return null;
    }
    try {
      return LocalDate.parse(texte);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The caller's value quoted back, short and on one line. */
  private static String echo(String valeur) {
    if (valeur == null) {
      return "";
    }
    String une = valeur.replaceAll("\\p{Cntrl}", "?");
    return une.length() <= ECHO_MAX ? une : une.substring(0, ECHO_MAX) + "…";
  }

  private static boolean vide(String s) {
    return s == null || s.isBlank();
  }
}
