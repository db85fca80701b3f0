package fr.parcelle.application;

import fr.parcelle.application.DemandeDossier.AdresseSaisie;
import fr.parcelle.application.DemandeDossier.DemandeurSaisi;
import fr.parcelle.application.DemandeDossier.ParcelleSaisie;
import fr.parcelle.application.DemandeDossier.ProjetSaisi;
import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.domain.model.dossier.Adresse;
import fr.parcelle.domain.model.dossier.Architecte;
import fr.parcelle.domain.model.dossier.Demandeur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NaturePersonne;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.Parcelle;
import fr.parcelle.domain.model.dossier.Projet;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.territoire.Territoire;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the cerfa data: at creation every field present must be well formed (each error
 * named by its JSON path); at deposit the dossier must be complete (data and mandatory pièces).
 */
public final class ValidationDossier {

  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s]{2,}");
  private static final Pattern CODE_POSTAL = Pattern.compile("[0-9]{5}");
  private static final Pattern PREFIXE = Pattern.compile("[0-9]{3}");
  private static final Pattern SECTION = Pattern.compile("[0-9A-Z]{1,2}");
  private static final Pattern NUMERO_PARCELLE = Pattern.compile("[0-9]{4}");
  private static final Pattern CROA = Pattern.compile("[0-9A-Za-z-]{1,20}");
  private static final BigDecimal SURFACE_MAX = new BigDecimal("10000000");
  private static final int TEXTE_COURT = 200;
  private static final int TEXTE_LONG = 10_000;

  private final Territoire territoire;
  private final ReferentielJuridique referentiel;
  private final List<ChampInvalide> erreurs = new ArrayList<>();

  public ValidationDossier(Territoire territoire, ReferentielJuridique referentiel) {
    this.territoire = territoire;
    this.referentiel = referentiel;
  }

  /**
   * The domain data of a well-formed request; throws {@link DonneesInvalidesException} naming every
   * bad field.
   */
  public Dossier.Donnees valider(DemandeDossier d) {
    TypeDossier type = null;
    if (vide(d.type())) {
      erreur("type", "Le type de dossier est obligatoire.");
    } else {
      type = TypeDossier.depuisCode(d.type()).orElse(null);
      if (type == null) {
        erreur("type", "Type inconnu « " + d.type() + " » : CUa, CUb, DP, PCMI, PC, PA ou PD.");
      }
    }
    if (vide(d.communeInsee())) {
      erreur("communeInsee", "Le code INSEE de la commune est obligatoire.");
    } else if (territoire.commune(d.communeInsee()).isEmpty()) {
      erreur(
          "communeInsee",
          "La commune " + d.communeInsee() + " n'est pas servie par cette plateforme.");
    }
    NatureDemande nature = NatureDemande.INITIALE;
    if (!vide(d.natureDemande())) {
      try {
        nature = NatureDemande.valueOf(d.natureDemande());
      } catch (IllegalArgumentException e) {
        erreur("natureDemande", "Nature inconnue : INITIALE, MODIFICATIF ou TRANSFERT.");
      }
    }
    String numeroAutorisation = null;
    if (nature != NatureDemande.INITIALE) {
      if (vide(d.numeroAutorisation())) {
        erreur(
            "numeroAutorisation",
            "Le numéro de l'autorisation à modifier ou transférer est obligatoire.");
      } else {
        try {
          numeroAutorisation = NumeroDossier.depuis(d.numeroAutorisation()).autorisation().valeur();
        } catch (IllegalArgumentException e) {
          erreur("numeroAutorisation", "Numéro d'autorisation invalide.");
        }
      }
    } else if (!vide(d.numeroAutorisation())) {
      erreur("numeroAutorisation", "Une demande initiale ne porte pas de numéro d'autorisation.");
    }

    List<Demandeur> demandeurs = new ArrayList<>();
    List<DemandeurSaisi> saisis = d.demandeurs() == null ? List.of() : d.demandeurs();
    if (saisis.size() > 20) {
      erreur("demandeurs", "Au plus 20 demandeurs.");
    }
    for (int i = 0; i < Math.min(saisis.size(), 20); i++) {
      demandeurs.add(demandeur("demandeurs[" + i + "]", saisis.get(i)));
    }

    Adresse adresse = null;
    List<Parcelle> parcelles = new ArrayList<>();
    if (d.terrain() != null) {
      adresse = adresse(d.terrain().adresse());
      List<ParcelleSaisie> ps =
          d.terrain().parcelles() == null ? List.of() : d.terrain().parcelles();
      if (ps.size() > 100) {
        erreur("terrain.parcelles", "Au plus 100 parcelles.");
      }
      for (int i = 0; i < Math.min(ps.size(), 100); i++) {
        parcelles.add(parcelle("terrain.parcelles[" + i + "]", ps.get(i)));
      }
    }

    Projet projet = null;
    Set<String> contraintes = new LinkedHashSet<>();
    if (d.projet() != null) {
      ProjetSaisi p = d.projet();
      longueur("projet.description", p.description(), TEXTE_LONG);
      longueur("projet.natureTravaux", p.natureTravaux(), 2000);
      surface("projet.surfacePlancherExistanteM2", p.surfacePlancherExistanteM2());
      surface("projet.surfacePlancherCreeeM2", p.surfacePlancherCreeeM2());
      surface("projet.surfacePlancherDemolieM2", p.surfacePlancherDemolieM2());
      if (p.logementsCrees() != null && (p.logementsCrees() < 0 || p.logementsCrees() > 100_000)) {
        erreur("projet.logementsCrees", "Le nombre de logements créés doit être positif.");
      }
      List<String> cs = p.contraintes() == null ? List.of() : p.contraintes();
      for (int i = 0; i < cs.size(); i++) {
        String c = cs.get(i);
        if (c == null || !referentiel.contraintes().containsKey(c)) {
          erreur(
              "projet.contraintes[" + i + "]",
              "Contrainte inconnue « "
                  + c
                  + " » : "
                  + String.join(", ", referentiel.contraintes().keySet())
                  + ".");
        } else {
          contraintes.add(c);
        }
      }
      projet =
          new Projet(
              p.description(),
              p.natureTravaux(),
              p.surfacePlancherExistanteM2(),
              p.surfacePlancherCreeeM2(),
              p.surfacePlancherDemolieM2(),
              p.logementsCrees());
    }

    Architecte architecte = null;
    if (d.architecte() != null) {
      longueur("architecte.nom", d.architecte().nom(), TEXTE_COURT);
      if (!vide(d.architecte().numeroCroa())
          && !CROA.matcher(d.architecte().numeroCroa()).matches()) {
        erreur("architecte.numeroCroa", "Numéro d'inscription à l'ordre des architectes invalide.");
      }
      architecte = new Architecte(d.architecte().nom(), d.architecte().numeroCroa());
    }

    if (!erreurs.isEmpty()) {
      throw new DonneesInvalidesException(erreurs);
    }
    return new Dossier.Donnees(
        type,
        nature,
        numeroAutorisation,
        d.communeInsee(),
        demandeurs,
        adresse,
        parcelles,
        projet,
        contraintes,
        architecte);
  }

  private Demandeur demandeur(String chemin, DemandeurSaisi s) {
    if (s == null) {
      erreur(chemin, "Demandeur vide.");
      return null;
    }
    NaturePersonne nature = null;
    if (vide(s.nature())) {
      erreur(chemin + ".nature", "Précisez PARTICULIER ou PERSONNE_MORALE.");
    } else {
      try {
        nature = NaturePersonne.valueOf(s.nature());
      } catch (IllegalArgumentException e) {
        erreur(chemin + ".nature", "Nature inconnue : PARTICULIER ou PERSONNE_MORALE.");
      }
    }
    if (nature == NaturePersonne.PARTICULIER && vide(s.nom())) {
      erreur(chemin + ".nom", "Le nom est obligatoire.");
    }
    if (nature == NaturePersonne.PERSONNE_MORALE) {
      if (vide(s.raisonSociale())) {
        erreur(chemin + ".raisonSociale", "La raison sociale est obligatoire.");
      }
      if (vide(s.siret())) {
        erreur(chemin + ".siret", "Le numéro SIRET est obligatoire pour une personne morale.");
      } else if (!siretValide(s.siret())) {
        erreur(chemin + ".siret", "Numéro SIRET invalide (14 chiffres, clé de contrôle).");
      }
      if (vide(s.representant())) {
        erreur(chemin + ".representant", "Le représentant de la personne morale est obligatoire.");
      }
    }
    longueur(chemin + ".nom", s.nom(), TEXTE_COURT);
    longueur(chemin + ".prenom", s.prenom(), TEXTE_COURT);
    longueur(chemin + ".raisonSociale", s.raisonSociale(), TEXTE_COURT);
    longueur(chemin + ".representant", s.representant(), TEXTE_COURT);
    if (!vide(s.email()) && (s.email().length() > 254 || !EMAIL.matcher(s.email()).matches())) {
      erreur(chemin + ".email", "Adresse électronique invalide.");
    }
    longueur(chemin + ".telephone", s.telephone(), 32);
    return new Demandeur(
        nature,
        s.nom(),
        s.prenom(),
        s.raisonSociale(),
        s.siret(),
        s.representant(),
        s.email(),
        s.telephone());
  }

  private Adresse adresse(AdresseSaisie a) {
    if (a == null) {
      return null;
    }
    longueur("terrain.adresse.numero", a.numero(), 16);
    longueur("terrain.adresse.voie", a.voie(), TEXTE_COURT);
    longueur("terrain.adresse.lieuDit", a.lieuDit(), TEXTE_COURT);
    longueur("terrain.adresse.commune", a.commune(), 100);
    if (!vide(a.codePostal()) && !CODE_POSTAL.matcher(a.codePostal()).matches()) {
      erreur("terrain.adresse.codePostal", "Le code postal compte 5 chiffres.");
    }
    return new Adresse(a.numero(), a.voie(), a.lieuDit(), a.codePostal(), a.commune());
  }

  private Parcelle parcelle(String chemin, ParcelleSaisie p) {
    if (p == null) {
      erreur(chemin, "Parcelle vide.");
      return null;
    }
    if (p.prefixe() == null || !PREFIXE.matcher(p.prefixe()).matches()) {
      erreur(chemin + ".prefixe", "Le préfixe cadastral compte 3 chiffres (000 le plus souvent).");
    }
    if (p.section() == null || !SECTION.matcher(p.section()).matches()) {
      erreur(
          chemin + ".section",
          "La section cadastrale compte 1 ou 2 caractères (lettres majuscules ou chiffres).");
    }
    if (p.numero() == null || !NUMERO_PARCELLE.matcher(p.numero()).matches()) {
      erreur(chemin + ".numero", "Le numéro de parcelle compte 4 chiffres (0123).");
    }
    surface(chemin + ".surfaceM2", p.surfaceM2());
    return new Parcelle(p.prefixe(), p.section(), p.numero(), p.surfaceM2());
  }

  /**
   * Completeness at deposit: every error lists what is missing, data then pièces. The architect
   * rule is R431-2 with its threshold from referentiel/regles.properties.
   */
  static List<ChampInvalide> manques(
      Dossier d, List<PieceAttendue> attendues, BigDecimal seuilArchitecte) {
    List<ChampInvalide> m = new ArrayList<>();
    if (d.demandeurs().isEmpty()) {
      m.add(new ChampInvalide("demandeurs", "Au moins un demandeur est obligatoire."));
    }
    if (d.adresse().isEmpty()
        || (vide(d.adresse().get().voie()) && vide(d.adresse().get().lieuDit()))) {
      m.add(
          new ChampInvalide(
              "terrain.adresse", "L'adresse du terrain (voie ou lieu-dit) est obligatoire."));
    } else if (vide(d.adresse().get().codePostal())) {
      m.add(
          new ChampInvalide(
              "terrain.adresse.codePostal", "Le code postal du terrain est obligatoire."));
    }
    if (d.parcelles().isEmpty()) {
      m.add(
          new ChampInvalide(
              "terrain.parcelles", "Au moins une parcelle cadastrale est obligatoire."));
    }
    boolean certificatInformation = d.type() == TypeDossier.CUa;
    if (!certificatInformation && (d.projet().isEmpty() || vide(d.projet().get().description()))) {
      m.add(new ChampInvalide("projet.description", "La description du projet est obligatoire."));
    }
    if (architecteObligatoire(d, seuilArchitecte) && d.architecte().isEmpty()) {
      m.add(
          new ChampInvalide(
              "architecte",
              "Le recours à un architecte est obligatoire pour ce projet (article R431-2) : indiquez son nom et son"
                  + " numéro d'inscription à l'ordre."));
    }
    for (PieceAttendue p : attendues) {
      if (p.obligatoire() && d.piece(p.code()).isEmpty()) {
        m.add(
            new ChampInvalide(
                "pieces." + p.code(),
                "Pièce obligatoire manquante : " + p.libelle() + " (" + p.article() + ")."));
      }
    }
    return m;
  }

  /**
   * R431-2: a permis de construire needs an architect, unless every demandeur is a natural person
   * and the surface de plancher after the works does not exceed the threshold.
   */
  static boolean architecteObligatoire(Dossier d, BigDecimal seuil) {
    if (d.type() != TypeDossier.PC && d.type() != TypeDossier.PCMI) {
      return false;
    }
    boolean particuliers =
        !d.demandeurs().isEmpty()
            && d.demandeurs().stream().allMatch(x -> x.nature() == NaturePersonne.PARTICULIER);
    BigDecimal surface = d.projet().map(Projet::surfaceApresTravaux).orElse(BigDecimal.ZERO);
    return !particuliers || surface.compareTo(seuil) > 0;
  }

  /** SIRET: 14 digits and the Luhn key (La Poste's establishments excepted, as INSEE does). */
  static boolean siretValide(String siret) {
    if (siret == null || !siret.matches("[0-9]{14}")) {
      return false;
    }
    if (siret.startsWith("356000000")) {
      return siret.chars().map(c -> c - '0').sum() % 5 == 0;
    }
    int somme = 0;
    for (int i = 0; i < 14; i++) {
      int chiffre = siret.charAt(13 - i) - '0';
      if (i % 2 == 1) {
        chiffre *= 2;
        if (chiffre > 9) {
          chiffre -= 9;
        }
      }
      somme += chiffre;
    }
    return somme % 10 == 0;
  }

  private void surface(String champ, BigDecimal valeur) {
    if (valeur != null && (valeur.signum() < 0 || valeur.compareTo(SURFACE_MAX) > 0)) {
      erreur(champ, "La surface doit être positive (en m²).");
    }
  }

  private void longueur(String champ, String valeur, int max) {
    if (valeur != null && valeur.length() > max) {
      erreur(champ, "Au plus " + max + " caractères.");
    }
  }

  private void erreur(String champ, String message) {
    erreurs.add(new ChampInvalide(champ, message));
  }

  private static boolean vide(String s) {
    return s == null || s.isBlank();
  }
}
