package fr.parcelle.application.courriel;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.TypeEvenement;
import fr.parcelle.domain.model.piece.TypeDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the platform's e-mails in French. A message names the dossier, the step, the legal date
 * that follows from it and links to the platform; it carries no document (links instead) and no
 * personal data beyond the dossier number: e-mail is not a secure channel, the platform is.
 */
public final class RedactionCourriels {

  /**
   * The steps that are written about; the outbox trigger notifies those of table {@code
   * courriel_etape_notifiee} (a test keeps both equal).
   */
  public static final Set<TypeEvenement> ETAPES_NOTIFIEES =
      EnumSet.of(
          TypeEvenement.DEPOT,
          TypeEvenement.DEMANDE_PIECES,
          TypeEvenement.MAJORATION,
          TypeEvenement.PIECES_RECUES,
          TypeEvenement.NOTIFICATION,
          TypeEvenement.DECISION_TACITE,
          TypeEvenement.REJET_TACITE);

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter JOUR =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);
  private static final DateTimeFormatter JOUR_COURT =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.FRANCE);

  private final String urlPlateforme;

  /**
   * @param urlPlateforme where applicants and agents reach the platform, e.g. {@code
   *     https://urbanisme.example.fr} (no trailing slash needed)
   */
  public RedactionCourriels(String urlPlateforme) {
    String u = urlPlateforme == null ? "" : urlPlateforme.strip();
    this.urlPlateforme = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /** The message to the applicants about the steps of one transaction of their dossier. */
  public Message etape(FaitsEtape f) {
    String numero = numero(f.numero());
    List<Bloc> blocs = new ArrayList<>();
    blocs.add(Bloc.texte("Madame, Monsieur,"));
    String sujet;
    if (f.contient("NOTIFICATION")) {
      sujet = "décision sur votre demande";
      decision(f, blocs);
    } else if (f.contient("DECISION_TACITE")) {
      sujet = "décision tacite";
      decisionTacite(f, blocs);
    } else if (f.contient("REJET_TACITE")) {
      sujet = rejetOuOpposition(f) + " tacite faute des pièces demandées";
      rejetTacite(f, blocs);
    } else if (f.contient("DEMANDE_PIECES")) {
      sujet = "demande de pièces complémentaires";
      demandePieces(f, blocs);
    } else if (f.contient("PIECES_RECUES")) {
      sujet = "pièces complémentaires reçues";
      piecesRecues(f, blocs);
    } else if (f.contient("MAJORATION")) {
      sujet = "majoration du délai d'instruction";
      majoration(f, blocs, true);
    } else if (f.contient("DEPOT")) {
      sujet = "accusé d'enregistrement et récépissé de dépôt";
      depot(f, blocs);
    } else {
      throw new IllegalArgumentException(
          "Aucune étape notifiée parmi " + f.evenements().stream().map(e -> e.type()).toList());
    }
    blocs.add(
        Bloc.lien(
            "Votre dossier, ses documents et son historique sont consultables sur la plateforme :",
            urlPlateforme + "/#/dossiers/" + f.dossierId()));
    blocs.add(
        Bloc.texte(
            "Ce message est envoyé automatiquement ; merci de ne pas y répondre. Il vous informe :"
                + " seuls les documents de votre dossier en ligne font foi."));
    return rendre("Dossier " + numero + " : " + sujet, blocs);
  }

  private void depot(FaitsEtape f, List<Bloc> blocs) {
    blocs.add(
        Bloc.texte(
            "Votre demande a été enregistrée le "
                + jour(f.dateDepot())
                + " sous le numéro "
                + numero(f.numero())
                + "."));
    blocs.add(
        Bloc.lien(
            "Accusé d'enregistrement électronique (article L112-11 du code des relations entre le"
                + " public et l'administration) :",
            document(f, TypeDocument.AEE)));
    blocs.add(
        Bloc.lien(
            "Récépissé de dépôt (articles R423-3 à R423-5 du code de l'urbanisme) :",
            document(f, TypeDocument.RECEPISSE)));
    StringBuilder s = new StringBuilder();
    if (f.delaiMois() != null) {
      s.append("Le délai d'instruction de droit commun est de ")
          .append(f.delaiMois())
          .append(" mois. ");
    }
    if (f.dateDepot() != null && f.communeInsee() != null) {
      LocalDate limite =
          CalendrierJuridique.parDefaut()
              .finDelai(f.dateDepot(), 1, f.communeInsee().substring(0, 2));
      s.append("Si, au plus tard le ")
          .append(jour(limite))
          .append(
              ", vous ne recevez ni demande de pièces complémentaires ni majoration du délai"
                  + " (articles R423-38 et R423-42), ");
    } else {
      s.append("Sauf demande de pièces ou majoration du délai, ");
    }
    if (f.dateDecisionTacite() != null) {
      s.append("l'absence de décision notifiée vaudra ")
          .append(natureTacite(f))
          .append(" le ")
          .append(jour(f.dateDecisionTacite()))
          .append(" (article R424-1).");
    }
    blocs.add(Bloc.texte(s.toString()));
  }

  private void demandePieces(FaitsEtape f, List<Bloc> blocs) {
    FaitsEtape.Evenement e = f.evenement("DEMANDE_PIECES").orElseThrow();
    blocs.add(
        Bloc.texte(
            "Votre dossier n° "
                + numero(f.numero())
                + " est incomplet. Le "
                + jour(e.dateLegale())
                + ", le service instructeur vous a demandé les pièces suivantes (article R423-38) : "
                + phrase(
                    e.detail() == null || e.detail().isBlank() ? "voir le courrier" : e.detail())));
    if (f.dateLimitePieces() != null) {
      blocs.add(
          Bloc.texte(
              "Vous avez jusqu'au "
                  + jour(f.dateLimitePieces())
                  + " pour les déposer sur la plateforme. À défaut, votre demande fera l'objet"
                  + " d'une décision tacite "
                  + deRejetOuOpposition(f)
                  + " (article R423-39). Le délai d'instruction ne court qu'à compter de la"
                  + " réception de toutes les pièces demandées."));
    }
    if (f.contient("MAJORATION")) {
      majoration(f, blocs, false);
    }
    blocs.add(Bloc.lien("Le courrier :", document(f, TypeDocument.DEMANDE_PIECES)));
  }

  private void majoration(FaitsEtape f, List<Bloc> blocs, boolean seule) {
    FaitsEtape.Evenement e = f.evenement("MAJORATION").orElseThrow();
    String motif = e.detail() == null || e.detail().isBlank() ? "" : " : " + e.detail();
    if (!seule) {
      blocs.add(
          Bloc.texte(
              "Le délai d'instruction est en outre majoré (article R423-42)"
                  + motif
                  + ". Il courra à compter de la réception des pièces."));
      return;
    }
    blocs.add(
        Bloc.texte(
            "Le délai d'instruction de votre dossier n° "
                + numero(f.numero())
                + " est majoré (article R423-42)"
                + motif
                + "."));
    echeances(f, blocs);
    blocs.add(Bloc.lien("Le courrier :", document(f, TypeDocument.MAJORATION)));
  }

  private void piecesRecues(FaitsEtape f, List<Bloc> blocs) {
    FaitsEtape.Evenement e = f.evenement("PIECES_RECUES").orElseThrow();
    blocs.add(
        Bloc.texte(
            "Toutes les pièces demandées pour votre dossier n° "
                + numero(f.numero())
                + " ont été reçues le "
                + jour(e.dateLegale())
                + " : le délai d'instruction court à compter de cette date (article R423-39)."));
    echeances(f, blocs);
  }

  private void echeances(FaitsEtape f, List<Bloc> blocs) {
    if (f.dateDecisionTacite() == null) {
      return;
    }
    blocs.add(
        Bloc.texte(
            (f.delaiMois() == null ? "" : "Délai d'instruction : " + f.delaiMois() + " mois. ")
                + (f.dateFinDelai() == null
                    ? ""
                    : "Il prend fin le " + jour(f.dateFinDelai()) + ". ")
                + "Sans décision notifiée d'ici là, l'absence de réponse vaudra "
                + natureTacite(f)
                + " le "
                + jour(f.dateDecisionTacite())
                + " (article R424-1)."));
  }

  private void decision(FaitsEtape f, List<Bloc> blocs) {
    String nature =
        f.decision() == null ? "décision" : NatureDecision.valueOf(f.decision()).libelle();
    blocs.add(
        Bloc.texte(
            "La décision sur votre demande n° "
                + numero(f.numero())
                + " a été signée"
                + (f.dateDecision() == null ? "" : " le " + jour(f.dateDecision()))
                + " : "
                + nature
                + "."
                + (f.dateNotification() == null
                    ? ""
                    : " Elle vous est notifiée le " + jour(f.dateNotification()) + ".")
                + (f.dateExecutoire() == null
                    ? ""
                    : " Elle est exécutoire à compter du "
                        + jour(f.dateExecutoire())
                        + " (article L424-7).")));
    blocs.add(
        Bloc.lien(
            "L'arrêté signé, avec les voies et délais de recours :",
            document(f, TypeDocument.ARRETE)));
  }

  private void decisionTacite(FaitsEtape f, List<Bloc> blocs) {
    FaitsEtape.Evenement e = f.evenement("DECISION_TACITE").orElseThrow();
    blocs.add(
        Bloc.texte(
            "Aucune décision ne vous a été notifiée dans le délai d'instruction de votre dossier n° "
                + numero(f.numero())
                + " : depuis le "
                + jour(e.dateLegale())
                + ", votre demande a fait l'objet d'une décision tacite ("
                + natureTacite(f)
                + ", article R424-1)."));
    blocs.add(
        Bloc.lien(
            "Le certificat de cette décision tacite (article R424-13) :",
            document(f, TypeDocument.CERTIFICAT_DECISION_TACITE)));
  }

  private void rejetTacite(FaitsEtape f, List<Bloc> blocs) {
    FaitsEtape.Evenement e = f.evenement("REJET_TACITE").orElseThrow();
    blocs.add(
        Bloc.texte(
            "Les pièces demandées pour votre dossier n° "
                + numero(f.numero())
                + " n'ont pas été reçues dans le délai de trois mois"
                + (f.dateLimitePieces() == null
                    ? ""
                    : ", qui expirait le " + jour(f.dateLimitePieces()))
                + " : depuis le "
                + jour(e.dateLegale())
                + ", votre demande fait l'objet d'une décision tacite "
                + deRejetOuOpposition(f)
                + " (article R423-39)."));
  }

  /** The instructor's digest of the tasks due soon; none when there is nothing due. */
  public Message recapitulatif(Recapitulatif r) {
    List<Bloc> blocs = new ArrayList<>();
    blocs.add(Bloc.texte("Bonjour" + (r.prenom() == null ? "" : " " + r.prenom()) + ","));
    blocs.add(
        Bloc.texte(
            r.taches().size()
                + (r.taches().size() == 1 ? " tâche arrive" : " tâches arrivent")
                + " à échéance d'ici "
                + r.horizonJours()
                + " jours ou sont en retard, dans l'ordre de leur échéance :"));
    Instant maintenant = r.jour().atStartOfDay(PARIS).toInstant();
    for (Recapitulatif.Tache t : r.taches()) {
      LocalDate echeance = LocalDate.ofInstant(t.echeance(), PARIS);
      String retard = t.echeance().isBefore(maintenant) ? " (EN RETARD)" : "";
      blocs.add(
          Bloc.lien(
              "- "
                  + JOUR_COURT.format(echeance)
                  + retard
                  + " — "
                  + numero(t.numeroDossier())
                  + " — "
                  + t.nom(),
              urlPlateforme + "/app/tasklist/default/#/?task=" + t.id()));
    }
    blocs.add(
        Bloc.lien("La liste à jour est dans la Tasklist :", urlPlateforme + "/app/tasklist/"));
    return rendre(
        "Parcelle : "
            + r.taches().size()
            + (r.taches().size() == 1 ? " tâche à échéance" : " tâches à échéance")
            + " — "
            + JOUR.format(r.jour()),
        blocs);
  }

  private String document(FaitsEtape f, TypeDocument type) {
    return urlPlateforme + "/api/v1/dossiers/" + f.dossierId() + "/documents/" + type.segment();
  }

  private static String rejetOuOpposition(FaitsEtape f) {
    return "DP".equals(natureDossier(f.typeDossier())) ? "Opposition" : "Rejet";
  }

  private static String deRejetOuOpposition(FaitsEtape f) {
    return "DP".equals(natureDossier(f.typeDossier())) ? "d'opposition" : "de rejet";
  }

  private static String natureDossier(String type) {
    return type == null || type.length() < 2 ? "" : type.substring(0, 2);
  }

  private static String natureTacite(FaitsEtape f) {
    if (f.natureDecisionTacite() == null) {
      return "décision tacite";
    }
    try {
      return NatureDecisionTacite.valueOf(f.natureDecisionTacite()).libelle();
    } catch (IllegalArgumentException inconnue) {
      return f.natureDecisionTacite().toLowerCase(Locale.FRANCE).replace('_', ' ');
    }
  }

  private static String numero(String valeur) {
    if (valeur == null) {
      return "(sans numéro)";
    }
    try {
      return NumeroDossier.depuis(valeur).affichage();
    } catch (IllegalArgumentException autre) {
      return valeur;
    }
  }

  private static String jour(LocalDate d) {
    return d == null ? "(date inconnue)" : JOUR.format(d);
  }

  /** A paragraph, possibly ending with a link on its own line. */
  private record Bloc(String texte, String lien) {
    static Bloc texte(String t) {
      return new Bloc(t, null);
    }

    static Bloc lien(String t, String url) {
      return new Bloc(t, url);
    }
  }

  private static Message rendre(String sujet, List<Bloc> blocs) {
    StringBuilder texte = new StringBuilder();
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"UTF-8\"><title>")
            .append(echapper(sujet))
            .append("</title></head><body>");
    for (Bloc b : blocs) {
      texte.append(b.texte());
      html.append("<p>").append(echapper(b.texte()));
      if (b.lien() != null) {
        texte.append('\n').append(b.lien());
        html.append("<br><a href=\"")
            .append(echapper(b.lien()))
            .append("\">")
            .append(echapper(b.lien()))
            .append("</a>");
      }
      texte.append("\n\n");
      html.append("</p>");
    }
    html.append("</body></html>");
    return new Message(sujet, texte.toString().stripTrailing() + "\n", html.toString());
  }

  private static String echapper(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The text as one sentence: a final period added unless it already ends one. */
  static String phrase(String texte) {
    String t = texte.strip();
    return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
  }
}
