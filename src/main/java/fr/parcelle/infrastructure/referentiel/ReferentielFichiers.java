package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.CataloguePieces;
import fr.parcelle.domain.model.piece.ConditionPiece;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.referentiel.Clause;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.referentiel.ServiceConsultable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The legal reference data of {@code referentiel/}: types-dossier.csv, contraintes.csv, pieces.csv
 * and regles.properties, checked against each other at start-up (an unknown contrainte or kind
 * stops the deployment).
 */
@ApplicationScoped
public class ReferentielFichiers implements ReferentielJuridique {

  private List<CaracteristiquesType> types = List.of();
  private Map<String, String> contraintes = Map.of();
  private CataloguePieces catalogue = new CataloguePieces(List.of());
  private BigDecimal seuilArchitecte;
  private List<ServiceConsultable> services = List.of();
  private List<Clause> clauses = List.of();
  private fr.parcelle.domain.model.referentiel.ReglesDeclarations declarations;

  /** Reads the files; called by CDI at start-up (public for tests outside the container). */
  @PostConstruct
  public void charger() {
    declarations = chargerDeclarations();
    List<CaracteristiquesType> t = new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/types-dossier.csv", 7)) {
      TypeDossier type =
          TypeDossier.depuisCode(l[0])
              .orElseThrow(
                  () -> new IllegalStateException("types-dossier.csv : type inconnu " + l[0]));
      if (!type.nature().equals(l[1])) {
        throw new IllegalStateException("types-dossier.csv : nature " + l[1] + " pour " + l[0]);
      }
      t.add(
          new CaracteristiquesType(
              type, l[2], l[3], Integer.parseInt(l[4]), l[5], LocalDate.parse(l[6])));
    }
    Map<String, String> c = new LinkedHashMap<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/contraintes.csv", 3)) {
      c.put(l[0], l[1]);
    }
    List<CataloguePieces.Entree> pieces = new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/pieces.csv", 5)) {
      TypeDossier type =
          TypeDossier.depuisCode(l[0])
              .orElseThrow(() -> new IllegalStateException("pieces.csv : type inconnu " + l[0]));
      ConditionPiece condition = ConditionPiece.lire(l[4]);
      for (String code : condition.contraintes()) {
        if (!c.containsKey(code)) {
          throw new IllegalStateException(
              "pieces.csv : contrainte inconnue " + code + " pour " + l[1]);
        }
      }
      pieces.add(new CataloguePieces.Entree(type, l[1], l[2], l[3], condition));
    }
    List<ServiceConsultable> consultables = new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/services-consultes.csv", 8)) {
      Set<String> accord = ensemble(l[5]);
      Set<String> propose = ensemble(l[6]);
      for (String code : union(accord, propose)) {
        if (!c.containsKey(code)) {
          throw new IllegalStateException(
              "services-consultes.csv : contrainte inconnue " + code + " pour " + l[0]);
        }
      }
      consultables.add(
          new ServiceConsultable(
              l[0],
              l[1],
              Integer.parseInt(l[2]),
              l[3].isEmpty() ? null : Integer.valueOf(l[3]),
              l[4],
              accord,
              propose,
              l[7].isEmpty() ? null : l[7]));
    }
    List<Clause> cl = new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/clauses.csv", 5)) {
      cl.add(new Clause(l[0], Clause.Usage.valueOf(l[1]), l[2], l[3], l[4]));
    }
    Properties regles = FichierReferentiel.proprietes("referentiel/regles.properties");
    types = List.copyOf(t);
    contraintes = Collections.unmodifiableMap(c);
    catalogue = new CataloguePieces(pieces);
    seuilArchitecte = new BigDecimal(regles.getProperty("architecte.seuil.surface.m2"));
    services = List.copyOf(consultables);
    clauses = List.copyOf(cl);
  }

  private static Set<String> ensemble(String champ) {
    return champ.isEmpty() ? Set.of() : Set.of(champ.split("\\|"));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  @Override
  public List<ServiceConsultable> servicesConsultables() {
    return services;
  }

  @Override
  public List<Clause> clauses() {
    return clauses;
  }

  @Override
  public CaracteristiquesType caracteristiques(TypeDossier type, LocalDate date) {
    return types.stream()
        .filter(c -> c.type() == type && !c.valideDepuis().isAfter(date))
        .max(Comparator.comparing(CaracteristiquesType::valideDepuis))
        .orElseThrow(
            () ->
                new IllegalStateException("Aucune règle en vigueur le " + date + " pour " + type));
  }

  @Override
  public CataloguePieces catalogue() {
    return catalogue;
  }

  @Override
  public Map<String, String> contraintes() {
    return contraintes;
  }

  @Override
  public BigDecimal seuilArchitecteM2() {
    return seuilArchitecte;
  }

  @Override
  public fr.parcelle.domain.model.referentiel.ReglesDeclarations declarations() {
    return declarations;
  }

  private static fr.parcelle.domain.model.referentiel.ReglesDeclarations chargerDeclarations() {
    List<fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle> regles = new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/declarations-chantier.csv", 6)) {
      fr.parcelle.domain.model.dossier.NatureDeclaration nature =
          fr.parcelle.domain.model.dossier.NatureDeclaration.depuisCode(l[0])
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "declarations-chantier.csv : déclaration inconnue " + l[0]));
      java.util.Set<String> natures = new java.util.TreeSet<>(List.of(l[4].split(",")));
      for (String n : natures) {
        if (java.util.Arrays.stream(TypeDossier.values()).noneMatch(t -> t.nature().equals(n))) {
          throw new IllegalStateException("declarations-chantier.csv : nature inconnue " + n);
        }
      }
      regles.add(
          new fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle(
              nature,
              l[1],
              l[2],
              l[3],
              natures,
              l[5].isEmpty()
                  ? null
                  : fr.parcelle.domain.model.dossier.NatureDeclaration.depuisCode(l[5])
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "declarations-chantier.csv : précédente inconnue " + l[5]))));
    }
    for (fr.parcelle.domain.model.dossier.NatureDeclaration n :
        fr.parcelle.domain.model.dossier.NatureDeclaration.values()) {
      if (regles.stream().noneMatch(r -> r.nature() == n)) {
        throw new IllegalStateException("declarations-chantier.csv : " + n + " absente");
      }
    }
    java.util.Set<String> connues = new java.util.HashSet<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/contraintes.csv", 3)) {
      connues.add(l[0]);
    }
    List<fr.parcelle.domain.model.referentiel.ReglesDeclarations.DelaiContestation> delais =
        new ArrayList<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/recolement.csv", 4)) {
      if (!l[0].isEmpty() && !connues.contains(l[0])) {
        throw new IllegalStateException("recolement.csv : contrainte inconnue " + l[0]);
      }
      delais.add(
          new fr.parcelle.domain.model.referentiel.ReglesDeclarations.DelaiContestation(
              l[0].isEmpty() ? null : l[0], Integer.parseInt(l[1]), l[2], l[3]));
    }
    return new fr.parcelle.domain.model.referentiel.ReglesDeclarations(regles, delais);
  }
}
