package fr.parcelle.infrastructure.documents;

import fr.parcelle.domain.model.dossier.ArreteADelivrer;
import fr.parcelle.domain.model.dossier.Demandeur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.Parcelle;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.port.DocumentGenerator;
import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The documents the platform issues, as PDF/A-2b through one layout ({@link MiseEnPage}): the AEE
 * and the récépissé with the mentions the texts require (CRPA L112-11 and R112-11-1; R423-3 to
 * R423-5), and the arrêtés of decisions ({@link ModeleArrete}).
 */
@ApplicationScoped
public class GenerateurPdf implements DocumentGenerator {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);
  private static final DateTimeFormatter HORODATAGE =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRANCE)
          .withZone(HorlogeProducer.FUSEAU_LEGAL);

  @Override
  public byte[] accuseEnregistrement(Dossier dossier, Commune commune, ServiceInstructeur service) {
    String numero = dossier.numero().map(NumeroDossier::affichage).orElseThrow();
    try (MiseEnPage p =
        new MiseEnPage("Accusé d'enregistrement électronique " + numero, service.nom())) {
      p.titre("Accusé d'enregistrement électronique")
          .paragraphe(
              "Code des relations entre le public et l'administration, articles L112-11 et R112-11-1.")
          .espace(8)
          .ligne("Dossier", numero)
          .ligne("Nature de la demande", dossier.type().libelle())
          .ligne("Commune", commune.nom() + " (" + commune.insee() + ")")
          .ligne("Demandeur(s)", demandeurs(dossier))
          .ligne("Enregistré le", HORODATAGE.format(dossier.deposeLe().orElseThrow()))
          .ligne("Pièces reçues", String.valueOf(dossier.pieces().size()))
          .espace(6)
          .paragraphe(
              "Votre envoi a bien été enregistré par la plateforme de saisine par voie électronique. Le présent accusé"
                  + " ne préjuge pas de la complétude du dossier. Un accusé de réception électronique (récépissé de"
                  + " dépôt) vous est délivré avec ce document ; il indique le délai d'instruction et la date à laquelle"
                  + " une décision tacite pourra naître.")
          .intertitre("Service chargé du dossier")
          .paragraphe(contact(service));
      return p.pdf();
    }
  }

  @Override
  public byte[] recepisse(
      Dossier dossier,
      Commune commune,
      ServiceInstructeur service,
      CaracteristiquesType caracteristiques) {
    String numero = dossier.numero().map(NumeroDossier::affichage).orElseThrow();
    LocalDate depot = dossier.dateDepot().orElseThrow();
    LocalDate tacite = dossier.dateDecisionTacite().orElseThrow();
    int mois = dossier.delaiInstructionMois().orElseThrow();
    boolean declaration = dossier.type() == TypeDossier.DP;
    boolean certificat = dossier.type() == TypeDossier.CUa || dossier.type() == TypeDossier.CUb;

    try (MiseEnPage p = new MiseEnPage("Récépissé de dépôt " + numero, service.nom())) {
      p.titre("Récépissé de dépôt d'une demande d'autorisation d'urbanisme")
          .paragraphe(
              "Accusé de réception électronique — code de l'urbanisme, articles R423-3 à R423-5 ; code des relations"
                  + " entre le public et l'administration, article R112-11-1.")
          .espace(8)
          .ligne("Numéro d'enregistrement", numero)
          .ligne(
              "Nature de la demande",
              caracteristiques.libelle() + " (cerfa n° " + caracteristiques.cerfa() + ")")
          .ligne("Date de réception", DATE.format(depot))
          .ligne("Reçu le", HORODATAGE.format(dossier.deposeLe().orElseThrow()))
          .ligne("Commune", commune.nom() + " (" + commune.insee() + ")")
          .ligne("Demandeur(s)", demandeurs(dossier))
          .ligne("Adresse du terrain", dossier.adresse().map(a -> a.enLigne()).orElse(null))
          .ligne(
              "Parcelle(s)",
              dossier.parcelles().stream()
                  .map(Parcelle::reference)
                  .collect(Collectors.joining(", ")))
          .ligne(
              "Pièces jointes",
              dossier.pieces().stream().map(PieceJointe::code).collect(Collectors.joining(", ")))
          .intertitre("Service chargé de l'instruction")
          .paragraphe(contact(service))
          .intertitre("Délai d'instruction")
          .paragraphe(
              "Le délai d'instruction de droit commun de votre demande est de "
                  + mois
                  + " mois (article "
                  + caracteristiques.articleDelai()
                  + " du code de l'urbanisme). Il court à compter de la date de réception indiquée ci-dessus.");
      if (declaration) {
        p.paragraphe(
            "Si aucune réponse ne vous est notifiée au plus tard le "
                + DATE.format(tacite.minusDays(1))
                + ", vous bénéficierez d'une décision de non-opposition à compter du "
                + DATE.format(tacite)
                + " : les travaux pourront alors être entrepris, après affichage sur le terrain (article R424-1).");
      } else if (certificat) {
        p.paragraphe(
            "Si aucune réponse ne vous est notifiée au plus tard le "
                + DATE.format(tacite.minusDays(1))
                + ", vous serez titulaire d'un certificat d'urbanisme tacite à compter du "
                + DATE.format(tacite)
                + ", avec les seuls effets d'un certificat d'information (article R410-12).");
      } else {
        p.paragraphe(
            "Si aucune réponse ne vous est notifiée au plus tard le "
                + DATE.format(tacite.minusDays(1))
                + ", vous bénéficierez d'un permis tacite à compter du "
                + DATE.format(tacite)
                + " (article R424-1), sauf dans les cas où le silence de l'administration vaut refus (articles R424-2,"
                + " R424-2-1 et R424-3). Vous pourrez alors commencer les travaux après avoir affiché le permis sur le"
                + " terrain.");
      }
      p.intertitre("Attention")
          .paragraphe(
              "Dans le délai d'un mois à compter de la date de réception, l'administration peut vous écrire (article"
                  + " R423-5) :")
          .paragraphe(
              "— pour vous indiquer que votre dossier est incomplet et vous demander les pièces manquantes : le délai"
                  + " d'instruction ne commencera alors qu'à la réception de ces pièces (articles R423-38 et R423-39) ;")
          .paragraphe(
              "— pour vous informer que le délai d'instruction est majoré, lorsque le projet se trouve dans l'un des cas"
                  + " prévus aux articles R423-24 à R423-33 ;")
          .paragraphe(
              "— pour vous informer que, dans les cas prévus aux articles R424-2, R424-2-1 et R424-3, le silence gardé"
                  + " par l'administration vaudra refus ou opposition.")
          .paragraphe(
              "Si vous ne recevez aucun courrier de l'administration dans ce délai d'un mois, vous pourrez vous prévaloir"
                  + " du délai indiqué ci-dessus.")
          .espace(6)
          .paragraphe(
              "Le récépissé ne vaut pas autorisation. La décision, expresse ou tacite, peut faire l'objet d'un recours"
                  + " des tiers dans les conditions prévues par le code de l'urbanisme.");
      return p.pdf();
    }
  }

  @Override
  public byte[] arrete(ArreteADelivrer arrete) {
    return ModeleArrete.pdf(arrete);
  }

  @Override
  public byte[] courrierPremierMois(Dossier dossier, Commune commune, ServiceInstructeur service) {
    String numero = dossier.numero().map(NumeroDossier::affichage).orElseThrow();
    boolean pieces = dossier.dateDemandePieces().isPresent();
    String titre =
        pieces ? "Demande de pièces complémentaires" : "Majoration du délai d'instruction";
    try (MiseEnPage p = new MiseEnPage(titre + " " + numero, service.nom())) {
      p.titre(titre)
          .paragraphe(
              pieces
                  ? "Code de l'urbanisme, articles R423-38, R423-39 et R423-41."
                  : "Code de l'urbanisme, articles R423-24 à R423-28 et R423-42.")
          .espace(8)
          .ligne("Dossier", numero)
          .ligne("Nature de la demande", dossier.type().libelle())
          .ligne("Commune", commune.nom() + " (" + commune.insee() + ")")
          .ligne("Demandeur(s)", demandeurs(dossier))
          .ligne("Déposé le", DATE.format(dossier.dateDepot().orElseThrow()))
          .espace(6);
      if (pieces) {
        p.paragraphe(
                "Après examen, votre dossier est incomplet. Les pièces suivantes doivent être fournies ;"
                    + " cette demande est unique et exhaustive :")
            .paragraphe(
                dossier.evenements().stream()
                    .filter(
                        e ->
                            e.type()
                                == fr.parcelle.domain.model.dossier.TypeEvenement.DEMANDE_PIECES)
                    .map(e -> e.detail())
                    .findFirst()
                    .orElse(String.join(", ", dossier.piecesDemandees())))
            .paragrapheGras(
                "Vous disposez de trois mois à compter de la réception de ce courrier, soit jusqu'au "
                    + dossier.dateLimitePieces().map(DATE::format).orElse("?")
                    + ", pour transmettre l'ensemble de ces pièces. À défaut, votre demande fera l'objet"
                    + " d'une décision tacite de rejet (ou d'opposition pour une déclaration préalable)"
                    + " (article R423-39).")
            .paragraphe(
                "Le délai d'instruction ne court qu'à compter de la réception de l'ensemble des pièces"
                    + " manquantes ; la date de fin de ce délai vous sera alors indiquée.");
      }
      if (!dossier.majorations().isEmpty()) {
        p.intertitre("Majoration du délai d'instruction")
            .paragraphe(
                dossier.evenements().stream()
                    .filter(
                        e -> e.type() == fr.parcelle.domain.model.dossier.TypeEvenement.MAJORATION)
                    .map(e -> e.detail())
                    .findFirst()
                    .orElse(String.join(", ", dossier.majorations())));
        if (!pieces) {
          p.paragrapheGras(
              "Le délai d'instruction de votre demande est porté à "
                  + dossier.delaiInstructionMois().map(m -> m + " mois").orElse("?")
                  + ". Sans décision notifiée au plus tard le "
                  + dossier.dateFinDelai().map(DATE::format).orElse("?")
                  + ", une décision tacite naîtra le "
                  + dossier.dateDecisionTacite().map(DATE::format).orElse("?")
                  + ".");
        }
      }
      p.intertitre("Service chargé du dossier").paragraphe(contact(service));
      return p.pdf();
    }
  }

  @Override
  public byte[] certificatDecisionTacite(Dossier dossier, Commune commune) {
    String numero = dossier.numero().map(NumeroDossier::affichage).orElseThrow();
    String nature =
        dossier
            .natureDecisionTacite()
            .map(n -> fr.parcelle.domain.model.delai.NatureDecisionTacite.valueOf(n).libelle())
            .orElse("décision tacite");
    LocalDate tacite = dossier.dateDecision().orElseThrow();
    boolean refus = nature.startsWith("refus") || nature.startsWith("opposition");
    try (MiseEnPage p =
        new MiseEnPage("Certificat de décision tacite " + numero, "Commune de " + commune.nom())) {
      p.titre("Certificat de décision tacite")
          .paragraphe(
              "Code de l'urbanisme, article R424-13 ; code des relations entre le public et"
                  + " l'administration, article L232-3.")
          .espace(8)
          .ligne("Dossier", numero)
          .ligne("Nature de la demande", dossier.type().libelle())
          .ligne("Commune", commune.nom() + " (" + commune.insee() + ")")
          .ligne("Demandeur(s)", demandeurs(dossier))
          .ligne("Adresse du terrain", dossier.adresse().map(a -> a.enLigne()).orElse(null))
          .ligne("Déposé le", DATE.format(dossier.dateDepot().orElseThrow()))
          .ligne(
              "Délai d'instruction",
              dossier.delaiInstructionMois().map(m -> m + " mois").orElse("")
                  + dossier.dateCompletude().map(d -> " à compter du " + DATE.format(d)).orElse(""))
          .ligne("Fin du délai", dossier.dateFinDelai().map(DATE::format).orElse(null))
          .espace(6)
          .paragrapheGras(
              "Aucune décision expresse n'ayant été notifiée dans le délai d'instruction, la décision"
                  + " suivante est née le "
                  + DATE.format(tacite)
                  + " : "
                  + nature
                  + ".")
          .paragraphe(
              refus
                  ? "Le silence gardé par l'autorité compétente vaut ici décision de rejet (articles R424-2,"
                      + " R424-2-1 et R424-3 du code de l'urbanisme). Cette décision peut faire l'objet d'un"
                      + " recours devant le tribunal administratif dans un délai de deux mois."
                  : "La décision tacite produit les effets d'une autorisation expresse (article L424-2 du code"
                      + " de l'urbanisme). Les travaux peuvent être entrepris après affichage sur le terrain,"
                      + " pendant toute la durée du chantier, d'un panneau mentionnant cette décision et sa date"
                      + " (articles R424-15 et A424-15 à A424-19). L'autorité compétente peut retirer une"
                      + " décision tacite illégale dans un délai de trois mois (article L424-5).")
          .paragraphe(
              "Le présent certificat est délivré automatiquement par la plateforme le jour où la décision est"
                  + " née ; il vaut attestation de décision implicite.");
      return p.pdf();
    }
  }

  @Override
  public byte[] recepisseDeclaration(
      Dossier autorisation,
      fr.parcelle.domain.model.dossier.DeclarationChantier declaration,
      fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle regle,
      Commune commune) {
    String numero = autorisation.numero().map(NumeroDossier::affichage).orElseThrow();
    boolean achevement =
        declaration.nature() == fr.parcelle.domain.model.dossier.NatureDeclaration.DAACT;
    try (MiseEnPage p =
        new MiseEnPage(
            "Récépissé — " + regle.libelle() + " " + numero, "Commune de " + commune.nom())) {
      p.titre("Récépissé — " + regle.libelle())
          .paragraphe(
              "Code de l'urbanisme, article "
                  + regle.article()
                  + (achevement ? ", articles R462-6 et R462-7" : "")
                  + " ; cerfa n° "
                  + regle.cerfa()
                  + ".")
          .espace(8)
          .ligne("Autorisation", numero + " (" + autorisation.type().libelle() + ")")
          .ligne(
              "Décision",
              autorisation
                      .decision()
                      .map(d -> d.libelle())
                      .or(
                          () ->
                              autorisation
                                  .natureDecisionTacite()
                                  .map(
                                      n ->
                                          fr.parcelle.domain.model.delai.NatureDecisionTacite
                                              .valueOf(n)
                                              .libelle()))
                      .orElse("décision tacite")
                  + autorisation.dateDecision().map(d -> " du " + DATE.format(d)).orElse(""))
          .ligne("Commune", commune.nom() + " (" + commune.insee() + ")")
          .ligne("Titulaire(s)", demandeurs(autorisation))
          .ligne("Adresse du terrain", autorisation.adresse().map(a -> a.enLigne()).orElse(null))
          .ligne(
              achevement ? "Travaux achevés le" : "Chantier ouvert le",
              DATE.format(declaration.dateTravaux()))
          .ligne("Reçue le", HORODATAGE.format(declaration.recueLe()))
          .ligne("Déposée par", declaration.declarant())
          .espace(6);
      if (achevement) {
        p.paragrapheGras(
                "L'autorité compétente peut, jusqu'au "
                    + declaration.finContestation().map(DATE::format).orElse("?")
                    + " inclus ("
                    + declaration.moisContestation().orElse(0)
                    + " mois à compter de la réception, "
                    + declaration.articleContestation().orElse("R462-6")
                    + "), contester la conformité des travaux au permis ou à la déclaration.")
            .paragraphe(
                "Passé ce délai, elle ne peut plus contester la conformité des travaux ; une"
                    + " attestation certifiant que la conformité n'a pas été contestée vous est"
                    + " délivrée sur simple demande (article R462-10). Un récolement des travaux peut"
                    + " être effectué pendant ce délai (article R462-8).");
      } else {
        p.paragraphe(
            "La présente déclaration atteste l'ouverture du chantier à la date indiquée. Le permis"
                + " est périmé si les travaux sont interrompus pendant plus d'une année (article"
                + " R424-17). Le panneau d'affichage doit rester visible de la voie publique pendant"
                + " toute la durée du chantier (articles R424-15 et A424-15 à A424-19). À"
                + " l'achèvement des travaux, adressez la déclaration attestant l'achèvement et la"
                + " conformité des travaux (article R462-1).");
      }
      return p.pdf();
    }
  }

  private static String demandeurs(Dossier dossier) {
    return dossier.demandeurs().stream()
        .map(Demandeur::designation)
        .collect(Collectors.joining(" ; "));
  }

  private static String contact(ServiceInstructeur service) {
    StringBuilder b = new StringBuilder(service.nom()).append(" — ").append(service.adresse());
    if (service.telephone() != null && !service.telephone().isBlank()) {
      b.append(" — téléphone ").append(service.telephone());
    }
    if (service.courriel() != null && !service.courriel().isBlank()) {
      b.append(" — courriel ").append(service.courriel());
    }
    return b.toString();
  }
}
