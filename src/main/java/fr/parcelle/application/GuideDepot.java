package fr.parcelle.application;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.OrientationTravaux;
import fr.parcelle.domain.port.OrientationTravaux.NatureTravaux;
import fr.parcelle.domain.port.OrientationTravaux.Orientation;
import fr.parcelle.domain.port.OrientationTravaux.Travaux;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.text.Collator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the applicants' portal needs before a dossier exists: the kinds, contraintes and communes to
 * choose from, and the guide that turns answers about the works into the form to file, whether an
 * architect is required (R431-2) and the exact list of pièces, each explained. Raw parameters come
 * in as the browser sends them; every bad one is named (422).
 */
@ApplicationScoped
public class GuideDepot {

  private static final Pattern NOMBRE = Pattern.compile("[0-9]{1,7}([.,][0-9]{1,2})?");
  private static final int CONTRAINTES_MAX = 20;

  private ReferentielJuridique referentiel;
  private Territoire territoire;
  private OrientationTravaux orientation;
  private Clock horloge;

  protected GuideDepot() {}

  @Inject
  public GuideDepot(
      ReferentielJuridique referentiel,
      Territoire territoire,
      OrientationTravaux orientation,
      Clock horloge) {
    this.referentiel = referentiel;
    this.territoire = territoire;
    this.orientation = orientation;
    this.horloge = horloge;
  }

  /** A kind of dossier as the portal offers it. */
  public record TypeOffert(
      String code, String libelle, String cerfa, int delaiMois, String articleDelai) {}

  public record ContrainteOfferte(String code, String libelle) {}

  public record CommuneServie(String insee, String nom) {}

  /** The choices of the portal's forms. */
  public record Choix(
      List<TypeOffert> types,
      List<ContrainteOfferte> contraintes,
      List<CommuneServie> communes,
      BigDecimal seuilArchitecteM2) {}

  /** A pièce to join, with its plain-language help. */
  public record PieceExpliquee(
      String code, String libelle, String article, boolean obligatoire, String aide) {}

  /** The guide's answer. */
  public record Conseil(
      String formalite,
      String libelle,
      String cerfa,
      String article,
      String explication,
      boolean architecteObligatoire,
      String motifArchitecte,
      List<PieceExpliquee> pieces) {}

  public Choix choix() {
    LocalDate aujourdhui = LocalDate.now(horloge);
    List<TypeOffert> types = new ArrayList<>();
    for (TypeDossier t : TypeDossier.values()) {
      CaracteristiquesType c = referentiel.caracteristiques(t, aujourdhui);
      types.add(new TypeOffert(t.name(), c.libelle(), c.cerfa(), c.delaiMois(), c.articleDelai()));
    }
    List<ContrainteOfferte> contraintes =
        referentiel.contraintes().entrySet().stream()
            .map(e -> new ContrainteOfferte(e.getKey(), e.getValue()))
            .toList();
    Collator ordre = Collator.getInstance(Locale.FRENCH);
    List<CommuneServie> communes =
        territoire.communes().stream()
            .sorted(Comparator.comparing(Commune::nom, ordre))
            .map(c -> new CommuneServie(c.insee(), c.nom()))
            .toList();
    return new Choix(types, contraintes, communes, referentiel.seuilArchitecteM2());
  }

  /**
   * The pièces of a kind for these contraintes, from raw parameters (codes separated by commas).
   *
   * @throws DonneesInvalidesException naming an unknown kind and each unknown contrainte
   */
  public List<PieceExpliquee> pieces(String type, String contraintes) {
    List<ChampInvalide> erreurs = new ArrayList<>();
    TypeDossier t = null;
    try {
      t = TypeDossier.valueOf(type == null ? "" : type);
    } catch (IllegalArgumentException e) {
      erreurs.add(
          new ChampInvalide("type", "Type de dossier inconnu : CUa, CUb, DP, PCMI, PC, PA ou PD."));
    }
    Set<String> codes = contraintes(contraintes, erreurs);
    if (!erreurs.isEmpty()) {
      throw new DonneesInvalidesException(erreurs);
    }
    return pieces(t, codes);
  }

  /** The pièces of a kind for these contraintes, each with its help text. */
  public List<PieceExpliquee> pieces(TypeDossier type, Set<String> contraintes) {
    Map<String, String> aides = orientation.aidesPieces();
    return referentiel.catalogue().piecesAttendues(type, contraintes).stream()
        .map(p -> expliquer(p, aides))
        .toList();
  }

  private static PieceExpliquee expliquer(PieceAttendue p, Map<String, String> aides) {
    return new PieceExpliquee(
        p.code(), p.libelle(), p.article(), p.obligatoire(), aides.getOrDefault(p.code(), ""));
  }

  /**
   * @throws DonneesInvalidesException naming every bad parameter
   */
  public Conseil orienter(Map<String, String> parametres) {
    List<ChampInvalide> erreurs = new ArrayList<>();
    NatureTravaux nature = null;
    String brut = parametres.get("travaux");
    if (brut == null || brut.isBlank()) {
      erreurs.add(new ChampInvalide("travaux", "Dites quels travaux vous envisagez."));
    } else {
      try {
        nature = NatureTravaux.valueOf(brut);
      } catch (IllegalArgumentException e) {
        erreurs.add(
            new ChampInvalide(
                "travaux",
                "Nature de travaux inconnue ; valeurs : "
                    + Arrays.toString(NatureTravaux.values())));
      }
    }
    boolean surfaces =
        nature == NatureTravaux.CONSTRUCTION_NOUVELLE || nature == NatureTravaux.EXTENSION;
    BigDecimal creee = surface(parametres, "surfaceCreeeM2", surfaces, erreurs);
    BigDecimal totale =
        surface(parametres, "surfaceTotaleApresM2", nature == NatureTravaux.EXTENSION, erreurs);
    if (creee != null && totale != null && totale.compareTo(creee) < 0) {
      erreurs.add(
          new ChampInvalide(
              "surfaceTotaleApresM2",
              "La surface totale après travaux ne peut pas être inférieure à la surface créée."));
    }
    Set<String> contraintes = contraintes(parametres.get("contraintes"), erreurs);
    if (!erreurs.isEmpty()) {
      throw new DonneesInvalidesException(erreurs);
    }
    Orientation o =
        orientation.orienter(
            new Travaux(
                nature,
                creee,
                totale == null ? creee : totale,
                oui(parametres, "zoneUrbaine"),
                oui(parametres, "secteurProtege"),
                oui(parametres, "maisonIndividuelle"),
                oui(parametres, "modifieStructureOuFacade"),
                oui(parametres, "equipementsCommuns")));
    if ("AUCUNE".equals(o.formalite())) {
      return new Conseil(
          "AUCUNE", "Aucune formalité", null, o.article(), o.explication(), false, null, List.of());
    }
    TypeDossier type = TypeDossier.valueOf(o.formalite());
    CaracteristiquesType c = referentiel.caracteristiques(type, LocalDate.now(horloge));
    BigDecimal apres = totale == null ? creee : totale;
    boolean permis = type == TypeDossier.PC || type == TypeDossier.PCMI;
    boolean architecte =
        permis && apres != null && apres.compareTo(referentiel.seuilArchitecteM2()) > 0;
    String motif =
        architecte
            ? "La surface de plancher après travaux dépasse "
                + referentiel.seuilArchitecteM2().stripTrailingZeros().toPlainString()
                + " m² : le projet doit être établi par un architecte (R431-2)."
            : permis
                ? "En dessous de "
                    + referentiel.seuilArchitecteM2().stripTrailingZeros().toPlainString()
                    + " m², une personne physique qui construit pour elle-même peut se passer"
                    + " d'architecte ; une personne morale doit y recourir (R431-2)."
                : null;
    return new Conseil(
        type.name(),
        c.libelle(),
        c.cerfa(),
        o.article(),
        o.explication(),
        architecte,
        motif,
        pieces(type, contraintes));
  }

  private static boolean oui(Map<String, String> parametres, String nom) {
    return "true".equals(parametres.get(nom));
  }

  private static BigDecimal surface(
      Map<String, String> parametres, String nom, boolean requise, List<ChampInvalide> erreurs) {
    String brut = parametres.get(nom);
    if (brut == null || brut.isBlank()) {
      if (requise) {
        erreurs.add(new ChampInvalide(nom, "Indiquez la surface en m²."));
      }
      return null;
    }
    if (!NOMBRE.matcher(brut).matches()) {
      erreurs.add(new ChampInvalide(nom, "Une surface en m², par exemple 35 ou 35,5."));
      return null;
    }
    return new BigDecimal(brut.replace(',', '.'));
  }

  private Set<String> contraintes(String brut, List<ChampInvalide> erreurs) {
    Set<String> resultat = new LinkedHashSet<>();
    if (brut == null || brut.isBlank()) {
      return resultat;
    }
    String[] codes = brut.split(",");
    if (codes.length > CONTRAINTES_MAX) {
      erreurs.add(new ChampInvalide("contraintes", "Au plus " + CONTRAINTES_MAX + " contraintes."));
      return resultat;
    }
    for (String code : codes) {
      String c = code.strip();
      if (!referentiel.contraintes().containsKey(c)) {
        erreurs.add(
            new ChampInvalide(
                "contraintes",
                "Contrainte inconnue : « " + c.substring(0, Math.min(c.length(), 40)) + " »."));
      } else {
        resultat.add(c);
      }
    }
    return resultat;
  }
}
