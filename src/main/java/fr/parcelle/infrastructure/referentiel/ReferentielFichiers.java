package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.CataloguePieces;
import fr.parcelle.domain.model.piece.ConditionPiece;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
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

  /** Reads the files; called by CDI at start-up (public for tests outside the container). */
  @PostConstruct
  public void charger() {
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
    Properties regles = FichierReferentiel.proprietes("referentiel/regles.properties");
    types = List.copyOf(t);
    contraintes = Collections.unmodifiableMap(c);
    catalogue = new CataloguePieces(pieces);
    seuilArchitecte = new BigDecimal(regles.getProperty("architecte.seuil.surface.m2"));
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
}
