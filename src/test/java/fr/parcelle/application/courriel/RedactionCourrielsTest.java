package fr.parcelle.application.courriel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.dossier.TypeEvenement;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactionCourrielsTest {

  private static final UUID ID = UUID.fromString("6f1c0e9a-3b7d-4c1e-9a55-0d2f8e7b1a20");
  private final RedactionCourriels redaction =
      new RedactionCourriels("https://urbanisme.example.fr/");

  private static FaitsEtape faits(String type, List<FaitsEtape.Evenement> evenements) {
    return new FaitsEtape(
        ID,
        "PC0353522700012",
        type,
        "35352",
        "DEPOSE",
        LocalDate.of(2027, 1, 31),
        2,
        LocalDate.of(2027, 3, 31),
        LocalDate.of(2027, 4, 1),
        "PERMIS_TACITE",
        LocalDate.of(2027, 5, 20),
        "ACCORD_AVEC_PRESCRIPTIONS",
        LocalDate.of(2027, 3, 10),
        LocalDate.of(2027, 3, 10),
        LocalDate.of(2027, 3, 12),
        evenements);
  }

  private static FaitsEtape.Evenement e(String type, LocalDate date, String detail) {
    return new FaitsEtape.Evenement(type, date, null, detail);
  }

  @Test
  void le_depot_donne_le_numero_les_deux_accuses_le_mois_de_completude_et_la_date_tacite() {
    Message m =
        redaction.etape(
            faits("PCMI", List.of(e("DEPOT", LocalDate.of(2027, 1, 31), "Dossier n° …"))));

    assertThat(m.sujet())
        .isEqualTo("Dossier PC 035 352 27 00012 : accusé d'enregistrement et récépissé de dépôt");
    assertThat(m.texte())
        .startsWith("Madame, Monsieur,")
        .contains("enregistrée le 31 janvier 2027 sous le numéro PC 035 352 27 00012")
        .contains(
            "https://urbanisme.example.fr/api/v1/dossiers/"
                + ID
                + "/documents/accuse-enregistrement")
        .contains("https://urbanisme.example.fr/api/v1/dossiers/" + ID + "/documents/recepisse")
        .contains("de droit commun est de 2 mois")
        // one month from 31 January, date to date: the last day of February (R423-38)
        .contains("au plus tard le 28 février 2027")
        .contains("vaudra permis tacite le 1 avril 2027 (article R424-1)")
        .contains("https://urbanisme.example.fr/#/dossiers/" + ID)
        .contains("merci de ne pas y répondre");
    // Personal data stays on the platform: nothing but the number identifies the file.
    assertThat(m.texte()).doesNotContain("@").doesNotContain("Martin");
    assertThat(m.html())
        .contains("<a href=\"https://urbanisme.example.fr/#/dossiers/" + ID + "\">")
        .contains("Accusé d'enregistrement électronique")
        .doesNotContain("<script");
  }

  @Test
  void une_demande_qui_finit_deja_sa_phrase_n_a_pas_deux_points() {
    // The instruction's own detail ends with a period ("À fournir au plus tard le … .").
    Message m =
        redaction.etape(
            faits(
                "DP",
                List.of(
                    e(
                        "DEMANDE_PIECES",
                        LocalDate.of(2026, 11, 28),
                        "DP6 – Document graphique. À fournir au plus tard le 28 février 2027."))));
    assertThat(m.texte()).contains("28 février 2027.").doesNotContain("2027..");
  }

  @Test
  void la_demande_de_pieces_et_sa_majoration_font_une_seule_lettre_avec_la_date_limite() {
    LocalDate jour = LocalDate.of(2027, 2, 20);
    Message m =
        redaction.etape(
            faits(
                "PCMI",
                List.of(
                    e("DEMANDE_PIECES", jour, "PCMI2 (plan de masse), PCMI4 (notice)"),
                    e(
                        "MAJORATION",
                        jour,
                        "consultation de l'architecte des Bâtiments de France"))));

    assertThat(m.sujet())
        .isEqualTo("Dossier PC 035 352 27 00012 : demande de pièces complémentaires");
    assertThat(m.texte())
        .contains("est incomplet. Le 20 février 2027")
        .contains("PCMI2 (plan de masse), PCMI4 (notice).")
        .contains("jusqu'au 20 mai 2027")
        .contains("décision tacite de rejet (article R423-39)")
        .contains("est en outre majoré (article R423-42) : consultation de l'architecte")
        .contains("/documents/demande-pieces")
        // the délai does not run yet: no tacit date is promised
        .doesNotContain("1 avril 2027");
  }

  @Test
  void une_dp_sans_pieces_est_une_opposition_tacite() {
    Message m =
        redaction.etape(
            faits("DP", List.of(e("REJET_TACITE", LocalDate.of(2027, 5, 21), "Opposition…"))));
    assertThat(m.sujet()).endsWith("Opposition tacite faute des pièces demandées");
    assertThat(m.texte())
        .contains("qui expirait le 20 mai 2027")
        .contains("décision tacite d'opposition (article R423-39)");
  }

  @Test
  void la_majoration_seule_donne_le_nouveau_delai_et_la_nouvelle_date_tacite() {
    Message m =
        redaction.etape(
            faits("PCMI", List.of(e("MAJORATION", LocalDate.of(2027, 2, 10), "ERP : 5 mois"))));
    assertThat(m.sujet()).endsWith("majoration du délai d'instruction");
    assertThat(m.texte())
        .contains("est majoré (article R423-42) : ERP : 5 mois.")
        .contains("Il prend fin le 31 mars 2027")
        .contains("vaudra permis tacite le 1 avril 2027")
        .contains("/documents/majoration");
  }

  @Test
  void la_decision_notifiee_renvoie_a_l_arrete_et_dit_quand_elle_est_executoire() {
    Message m =
        redaction.etape(
            faits(
                "PCMI",
                List.of(
                    e("DECISION", LocalDate.of(2027, 3, 10), "accord ; signé par …"),
                    e("NOTIFICATION", LocalDate.of(2027, 3, 10), null),
                    e("TRANSMISSION_CONTROLE_LEGALITE", LocalDate.of(2027, 3, 12), null))));
    assertThat(m.sujet()).isEqualTo("Dossier PC 035 352 27 00012 : décision sur votre demande");
    assertThat(m.texte())
        .contains("a été signée le 10 mars 2027 : accord avec prescriptions.")
        .contains("exécutoire à compter du 12 mars 2027 (article L424-7)")
        .contains("/documents/arrete");
  }

  @Test
  void la_decision_tacite_renvoie_au_certificat() {
    Message m =
        redaction.etape(
            faits(
                "PCMI",
                List.of(
                    e("DECISION_TACITE", LocalDate.of(2027, 4, 1), "permis tacite"),
                    e("CERTIFICAT_TACITE_DEMANDE", LocalDate.of(2027, 4, 1), null))));
    assertThat(m.sujet()).endsWith("décision tacite");
    assertThat(m.texte())
        .contains("depuis le 1 avril 2027, votre demande a fait l'objet d'une décision tacite")
        .contains("(permis tacite, article R424-1)")
        .contains("/documents/certificat-decision-tacite");
  }

  @Test
  void une_etape_non_notifiee_seule_ne_donne_pas_de_message() {
    assertThatThrownBy(
            () ->
                redaction.etape(
                    faits("PCMI", List.of(e("AVIS_DE_DEPOT", LocalDate.of(2027, 2, 1), null)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void le_html_echappe_ce_que_saisit_l_instructeur() {
    Message m =
        redaction.etape(
            faits(
                "PCMI",
                List.of(
                    e("DEMANDE_PIECES", LocalDate.of(2027, 2, 20), "<script>x</script> & co"))));
    assertThat(m.html())
        .contains("&lt;script&gt;x&lt;/script&gt; &amp; co")
        .doesNotContain("<script>");
  }

  @Test
  void le_recapitulatif_liste_les_taches_par_echeance_et_signale_le_retard() {
    Recapitulatif r =
        new Recapitulatif(
            "instructeur",
            "Yann",
            LocalDate.of(2027, 3, 1),
            7,
            List.of(
                new Recapitulatif.Tache(
                    "t1",
                    "DP0353522700003",
                    "Vérifier la complétude",
                    Instant.parse("2027-02-27T22:59:59Z")),
                new Recapitulatif.Tache(
                    "t2",
                    "PC0353522700012",
                    "Instruire et proposer",
                    Instant.parse("2027-03-05T22:59:59Z"))));
    Message m = redaction.recapitulatif(r);
    assertThat(m.sujet()).isEqualTo("Parcelle : 2 tâches à échéance — 1 mars 2027");
    assertThat(m.texte())
        .startsWith("Bonjour Yann,")
        .contains("2 tâches arrivent à échéance d'ici 7 jours")
        .contains("- sam. 27 févr. (EN RETARD) — DP 035 352 27 00003 — Vérifier la complétude")
        .contains("- ven. 5 mars — PC 035 352 27 00012 — Instruire et proposer")
        .contains("https://urbanisme.example.fr/app/tasklist/default/#/?task=t2");
    assertThat(m.texte().indexOf("00003")).isLessThan(m.texte().indexOf("00012"));
  }

  @Test
  void chaque_etape_notifiee_par_la_migration_a_sa_redaction() throws Exception {
    String sql;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("db/migration/V9__courriel.sql")) {
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String valeurs = sql.substring(sql.indexOf("INSERT INTO courriel_etape_notifiee"));
    valeurs = valeurs.substring(0, valeurs.indexOf(';'));
    Set<TypeEvenement> table = EnumSet.noneOf(TypeEvenement.class);
    Matcher m = Pattern.compile("\\('([A-Z_]+)',").matcher(valeurs);
    while (m.find()) {
      table.add(TypeEvenement.valueOf(m.group(1)));
    }
    assertThat(table).isEqualTo(RedactionCourriels.ETAPES_NOTIFIEES);
    for (TypeEvenement t : table) {
      Message msg =
          redaction.etape(faits("PCMI", List.of(e(t.name(), LocalDate.of(2027, 2, 1), "x"))));
      assertThat(msg.sujet()).startsWith("Dossier PC 035 352 27 00012 : ");
    }
  }
}
