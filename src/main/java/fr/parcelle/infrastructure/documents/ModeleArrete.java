package fr.parcelle.infrastructure.documents;

import fr.parcelle.domain.model.dossier.ArreteADelivrer;
import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.model.dossier.TypeDossier;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The arrêté of a decision on a permit or a déclaration préalable, and the certificat d'urbanisme:
 * visas, motifs (L424-3), the articles of the decision, prescriptions, then the mentions the
 * applicant must read (enforceability L424-7, appeals, display R424-15, validity R424-17 to
 * R424-21), and last the place where the maire signs. The wording is the template's; what varies is
 * {@link ArreteADelivrer}.
 */
final class ModeleArrete {

  /** Name of the empty signature field the arrêté carries for the maire's signature. */
  static final String CHAMP_SIGNATURE = "SignatureMaire";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

  private ModeleArrete() {}

  static byte[] pdf(ArreteADelivrer a) {
    NatureDecision nature = a.nature();
    boolean certificat = estCertificat(a.type());
    boolean favorable = !nature.exigeMotifs() && nature != NatureDecision.SURSIS_A_STATUER;
    String titre = titre(a);
    try (MiseEnPage p = new MiseEnPage(titre + " — " + a.numeroDossier(), a.qualiteSignataire())) {

      p.ligne("Commune", a.commune() + " (" + a.communeInsee() + ")")
          .ligne("Dossier n°", a.numeroDossier())
          .espace(8)
          .titre(titre)
          .paragraphe(
              certificat
                  ? "délivré "
                      + (a.auNomDeLaCommune() ? "au nom de la commune" : "au nom de l'État")
                  : "pris " + (a.auNomDeLaCommune() ? "au nom de la commune" : "au nom de l'État"))
          .espace(6)
          .paragrapheGras(a.qualiteSignataire() + ",")
          .espace(2);

      p.paragraphe(
          certificat
              ? "Vu le code de l'urbanisme, notamment ses articles L410-1 et R410-1 et suivants ;"
              : "Vu le code de l'urbanisme, notamment ses articles L421-1 et suivants, L424-1 et"
                  + " suivants, R421-1 et suivants et R424-1 et suivants ;");
      p.paragraphe(visaDemande(a));
      for (String visa : a.visas()) {
        String v = visa.strip();
        p.paragraphe(v.endsWith(";") ? v : v + " ;");
      }

      if (a.motifs() != null && !a.motifs().isBlank()) {
        p.espace(4)
            .paragraphe(
                nature.exigeMotifs()
                    ? "Considérant les motifs suivants, qui sont l'intégralité de ceux qui fondent la"
                        + " présente décision (article L424-3 du code de l'urbanisme) :"
                    : "Considérant ce qui suit (article L424-3 du code de l'urbanisme) :")
            .paragraphe(a.motifs().strip());
      }

      p.espace(6).intertitre(certificat ? "CERTIFIE" : "ARRÊTE").espace(2);
      int article = 1;
      p.paragrapheGras("Article " + article++).paragraphe(decision(a));
      if (nature.avecPrescriptions()) {
        p.paragrapheGras("Article " + article++)
            .paragraphe("Le bénéficiaire respecte les prescriptions suivantes :")
            .paragraphe(a.prescriptions().strip());
      }
      p.paragrapheGras("Article " + article)
          .paragraphe(
              "La présente décision est notifiée au demandeur"
                  + (a.auNomDeLaCommune()
                      ? " et transmise au représentant de l'État dans le département dans les"
                          + " conditions prévues aux articles L2131-1 et L2131-2 du code général des"
                          + " collectivités territoriales."
                      : "."));

      p.intertitre("Informations à lire attentivement");
      p.paragrapheGras("Caractère exécutoire")
          .paragraphe(
              certificat
                  ? "Le présent certificat produit ses effets dès sa délivrance"
                      + (a.auNomDeLaCommune()
                          ? " ; il est transmis au représentant de l'État (article L2131-2 du code"
                              + " général des collectivités territoriales)."
                          : ".")
                  : a.auNomDeLaCommune()
                      ? "Conformément à l'article L424-7 du code de l'urbanisme, la présente décision"
                          + " est exécutoire à compter de sa notification au demandeur et de sa"
                          + " transmission au préfet, représentant de l'État dans le département"
                          + " (article L2131-2 du code général des collectivités territoriales)."
                      : "La présente décision, prise au nom de l'État, est exécutoire dès sa"
                          + " notification au demandeur (article L424-7 du code de l'urbanisme).");

      p.paragrapheGras("Voies et délais de recours")
          .paragraphe(
              "Le demandeur qui désire contester la présente décision peut saisir le "
                  + a.tribunalAdministratif()
                  + " d'un recours contentieux dans un délai de deux mois à compter de sa"
                  + " notification. Il peut également, dans ce même délai, former un recours gracieux"
                  + " auprès de l'auteur de la décision ; ce recours prolonge le délai du recours"
                  + " contentieux, qui doit alors être introduit dans les deux mois suivant la"
                  + " réponse (l'absence de réponse au terme de deux mois vaut rejet implicite).")
          .paragraphe(
              "Le tribunal administratif peut être saisi par l'application informatique"
                  + " « Télérecours citoyens », accessible par le site internet www.telerecours.fr.");
      if (favorable && !certificat) {
        p.paragraphe(
            "Les tiers peuvent contester la présente autorisation dans un délai de deux mois à"
                + " compter du premier jour d'une période continue de deux mois d'affichage sur le"
                + " terrain (article R600-2 du code de l'urbanisme) ; l'auteur d'un recours est tenu,"
                + " à peine d'irrecevabilité, de le notifier à l'auteur de la décision et au"
                + " bénéficiaire (article R600-1). Dans les trois mois suivant sa date, l'autorité"
                + " compétente peut retirer la présente décision si elle l'estime illégale, après"
                + " avoir invité le bénéficiaire à présenter ses observations (article L424-5).");
        p.paragrapheGras("Affichage")
            .paragraphe(
                "Mention de la présente autorisation doit être affichée sur le terrain par le"
                    + " bénéficiaire, de manière visible de l'extérieur, dès sa notification et"
                    + " pendant toute la durée du chantier (article R424-15 du code de l'urbanisme),"
                    + " sur un panneau conforme aux articles A424-15 à A424-19. Cet affichage fait"
                    + " courir le délai de recours des tiers de deux mois. Un extrait de la décision"
                    + " est en outre affiché en mairie pendant deux mois, dans les huit jours de sa"
                    + " délivrance (article R424-15).");
        p.paragrapheGras("Durée de validité")
            .paragraphe(
                "Conformément aux articles R424-17 et R424-18 du code de l'urbanisme, l'autorisation"
                    + " est périmée si les travaux ne sont pas entrepris dans le délai de trois ans à"
                    + " compter de sa notification, ou si, passé ce délai, les travaux sont"
                    + " interrompus pendant plus d'une année. Elle peut être prorogée deux fois pour"
                    + " une durée d'un an, sur demande du bénéficiaire présentée deux mois au moins"
                    + " avant l'expiration du délai de validité, si les prescriptions d'urbanisme et"
                    + " les servitudes administratives n'ont pas évolué de façon défavorable à son"
                    + " égard (articles R424-21 et R424-22).");
        p.paragrapheGras("Travaux")
            .paragraphe(
                "Le bénéficiaire adresse au maire une déclaration d'ouverture de chantier au"
                    + " commencement des travaux (article R424-16) et une déclaration attestant leur"
                    + " achèvement et leur conformité (article R462-1). La présente autorisation est"
                    + " délivrée sous réserve du droit des tiers.");
      }
      if (nature == NatureDecision.CU_DELIVRE) {
        p.paragrapheGras("Durée de validité")
            .paragraphe(
                "Le présent certificat a une durée de validité de dix-huit mois à compter de sa"
                    + " délivrance (article L410-1 du code de l'urbanisme). Il peut être prorogé par"
                    + " périodes d'une année, sur demande présentée deux mois au moins avant"
                    + " l'expiration du délai de validité, si les prescriptions d'urbanisme, les"
                    + " servitudes administratives et le régime des taxes et participations"
                    + " d'urbanisme applicables au terrain n'ont pas changé (article R410-17).");
      }
      if (nature == NatureDecision.SURSIS_A_STATUER) {
        p.paragrapheGras("Fin du sursis à statuer")
            .paragraphe(
                "Le sursis à statuer ne peut excéder deux ans. À l'expiration de son délai de"
                    + " validité, une décision doit, sur simple confirmation par le demandeur de sa"
                    + " demande, être prise dans le délai de deux mois suivant cette confirmation"
                    + " (article L424-1 du code de l'urbanisme).");
      }

      p.espace(10)
          .paragraphe("Fait à " + a.commune() + ", le " + DATE.format(a.date()) + ".")
          .paragrapheGras(a.signataire())
          .paragraphe(a.qualiteSignataire())
          .espace(2)
          .emplacementSignature(CHAMP_SIGNATURE);
      return p.pdf();
    }
  }

  private static boolean estCertificat(TypeDossier type) {
    return type == TypeDossier.CUa || type == TypeDossier.CUb;
  }

  /** "permis de construire", "déclaration préalable"… as the title and articles name it. */
  private static String autorisation(TypeDossier type) {
    return switch (type) {
      case PC, PCMI -> "permis de construire";
      case PA -> "permis d'aménager";
      case PD -> "permis de démolir";
      case DP -> "déclaration préalable";
      case CUa -> "certificat d'urbanisme d'information";
      case CUb -> "certificat d'urbanisme opérationnel";
    };
  }

  private static String titre(ArreteADelivrer a) {
    String objet = autorisation(a.type());
    return switch (a.nature()) {
      case ACCORD -> "Arrêté accordant un " + objet;
      case ACCORD_AVEC_PRESCRIPTIONS -> "Arrêté accordant un " + objet + " avec prescriptions";
      case REFUS -> "Arrêté refusant un " + objet;
      case SURSIS_A_STATUER ->
          "Arrêté de sursis à statuer sur "
              + (a.type() == TypeDossier.DP ? "une " : "une demande de ")
              + objet;
      case NON_OPPOSITION -> "Arrêté de non-opposition à une " + objet;
      case NON_OPPOSITION_AVEC_PRESCRIPTIONS ->
          "Arrêté de non-opposition à une " + objet + " avec prescriptions";
      case OPPOSITION -> "Arrêté d'opposition à une " + objet;
      case CU_DELIVRE ->
          a.type() == TypeDossier.CUb
              ? "Certificat d'urbanisme opérationnel : opération réalisable"
              : "Certificat d'urbanisme d'information";
      case CU_OPERATION_NON_REALISABLE ->
          "Certificat d'urbanisme opérationnel : opération non réalisable";
    };
  }

  private static String visaDemande(ArreteADelivrer a) {
    StringBuilder b = new StringBuilder("Vu ");
    b.append(a.type() == TypeDossier.DP ? "la " : "la demande de ")
        .append(a.type().libelle().substring(0, 1).toLowerCase(Locale.FRANCE))
        .append(a.type().libelle().substring(1))
        .append(" n° ")
        .append(a.numeroDossier())
        .append(" déposée le ")
        .append(DATE.format(a.dateDepot()))
        .append(" par ")
        .append(String.join(", ", a.demandeurs()));
    if (a.descriptionProjet() != null && !a.descriptionProjet().isBlank()) {
      b.append(", portant sur : ").append(a.descriptionProjet().strip());
    }
    String surfaces = surfaces(a);
    if (!surfaces.isEmpty()) {
      b.append(" (").append(surfaces).append(')');
    }
    if (a.adresseTerrain() != null && !a.adresseTerrain().isBlank()) {
      b.append(", sur un terrain situé ").append(a.adresseTerrain());
    }
    if (!a.parcelles().isEmpty()) {
      b.append(a.parcelles().size() > 1 ? ", parcelles " : ", parcelle ")
          .append(String.join(", ", a.parcelles()));
    }
    return b.append(" ;").toString();
  }

  private static String surfaces(ArreteADelivrer a) {
    StringBuilder b = new StringBuilder();
    if (positive(a.surfacePlancherCreeeM2())) {
      b.append("surface de plancher créée : ")
          .append(a.surfacePlancherCreeeM2().stripTrailingZeros().toPlainString())
          .append(" m²");
    }
    if (positive(a.surfacePlancherDemolieM2())) {
      b.append(b.isEmpty() ? "" : ", ")
          .append("surface de plancher démolie : ")
          .append(a.surfacePlancherDemolieM2().stripTrailingZeros().toPlainString())
          .append(" m²");
    }
    return b.toString();
  }

  private static boolean positive(BigDecimal b) {
    return b != null && b.signum() > 0;
  }

  private static String decision(ArreteADelivrer a) {
    String objet = autorisation(a.type());
    return switch (a.nature()) {
      case ACCORD -> "Le " + objet + " est ACCORDÉ pour le projet décrit dans la demande susvisée.";
      case ACCORD_AVEC_PRESCRIPTIONS ->
          "Le "
              + objet
              + " est ACCORDÉ pour le projet décrit dans la demande susvisée, sous réserve du"
              + " respect des prescriptions de l'article 2.";
      case REFUS -> "Le " + objet + " est REFUSÉ pour les motifs exposés ci-dessus.";
      case SURSIS_A_STATUER ->
          "Il est SURSIS À STATUER sur la demande susvisée, pour les motifs exposés ci-dessus"
              + " (article L424-1 du code de l'urbanisme).";
      case NON_OPPOSITION ->
          "Il n'est pas fait opposition à la déclaration préalable susvisée (NON-OPPOSITION).";
      case NON_OPPOSITION_AVEC_PRESCRIPTIONS ->
          "Il n'est pas fait opposition à la déclaration préalable susvisée (NON-OPPOSITION),"
              + " sous réserve du respect des prescriptions de l'article 2.";
      case OPPOSITION ->
          "Il est fait OPPOSITION à la déclaration préalable susvisée pour les motifs exposés"
              + " ci-dessus.";
      case CU_DELIVRE ->
          a.type() == TypeDossier.CUb
              ? "Le terrain objet de la demande PEUT ÊTRE UTILISÉ pour la réalisation de"
                  + " l'opération envisagée (article L410-1 b du code de l'urbanisme). Les"
                  + " dispositions d'urbanisme, les limitations administratives au droit de"
                  + " propriété, les taxes et participations et l'état des équipements publics"
                  + " applicables au terrain sont ceux en vigueur à la date du présent certificat."
              : "Les dispositions d'urbanisme, les limitations administratives au droit de"
                  + " propriété et la liste des taxes et participations d'urbanisme applicables au"
                  + " terrain sont celles en vigueur à la date du présent certificat (article"
                  + " L410-1 a du code de l'urbanisme).";
      case CU_OPERATION_NON_REALISABLE ->
          "Le terrain objet de la demande NE PEUT PAS ÊTRE UTILISÉ pour la réalisation de"
              + " l'opération envisagée, pour les motifs exposés ci-dessus (article L410-1 b du"
              + " code de l'urbanisme).";
    };
  }
}
