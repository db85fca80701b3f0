package fr.parcelle.infrastructure.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.dossier.ArreteADelivrer;
import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.model.dossier.TypeDossier;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The arrêté of each kind of decision carries every mention the law requires for it. */
public class ModeleArreteTest {

  static final String MOTIFS =
      "Considérant que le projet méconnaît l'article UA 10 du règlement du plan local"
          + " d'urbanisme intercommunal, la hauteur projetée (11 m) excédant la hauteur maximale"
          + " autorisée (9 m).";
  static final String PRESCRIPTIONS =
      "Les eaux pluviales seront infiltrées sur la parcelle (article UA 4 du règlement).";
  static final String VISA_AVIS = "Vu l'avis favorable de l'architecte des Bâtiments de France";

  /** A decision of this nature on the kind of dossier it exists for. */
  public static ArreteADelivrer arrete(NatureDecision nature) {
    TypeDossier type =
        switch (nature) {
          case ACCORD -> TypeDossier.PCMI;
          case ACCORD_AVEC_PRESCRIPTIONS, SURSIS_A_STATUER -> TypeDossier.PC;
          case REFUS -> TypeDossier.PA;
          case NON_OPPOSITION, NON_OPPOSITION_AVEC_PRESCRIPTIONS, OPPOSITION -> TypeDossier.DP;
          case CU_DELIVRE, CU_OPERATION_NON_REALISABLE -> TypeDossier.CUb;
        };
    String prefixe = type.nature();
    return new ArreteADelivrer(
        "Vern-sur-Seiche",
        "35352",
        "Maëlle Maire de Vern-sur-Seiche",
        "Maire de Vern-sur-Seiche",
        prefixe + " 035 352 27 00001",
        type,
        LocalDate.of(2027, 1, 12),
        List.of("Anaïs Le Goff", "Erwan Le Goff"),
        "12 rue de la Seiche 35770 Vern-sur-Seiche",
        List.of("AB 0123"),
        "Maison individuelle de plain-pied",
        new BigDecimal("118.00"),
        null,
        nature,
        nature.exigeMotifs() || nature == NatureDecision.ACCORD_AVEC_PRESCRIPTIONS ? MOTIFS : null,
        nature.avecPrescriptions() ? PRESCRIPTIONS : null,
        List.of(
            "Vu le plan local d'urbanisme intercommunal de Rennes Métropole",
            VISA_AVIS + " du 2 février 2027 ;"),
        "tribunal administratif de Rennes",
        true,
        LocalDate.of(2027, 3, 12));
  }

  @ParameterizedTest
  @EnumSource(NatureDecision.class)
  void chaqueDecisionPorteSesMentionsObligatoires(NatureDecision nature) throws IOException {
    ArreteADelivrer a = arrete(nature);
    byte[] pdf = new GenerateurPdf().arrete(a);
    String texte = texte(pdf);
    boolean certificat = nature.name().startsWith("CU_");
    boolean favorable =
        !nature.exigeMotifs() && nature != NatureDecision.SURSIS_A_STATUER && !certificat;

    // Visas, decision, place and date, signer.
    assertThat(texte)
        .contains("Vu le code de l'urbanisme")
        .contains(
            a.type() == TypeDossier.DP ? "Vu la déclaration préalable n°" : "Vu la demande de ")
        .contains(a.numeroDossier() + " déposée le 12 janvier 2027 par Anaïs Le Goff")
        .contains("surface de plancher créée : 118 m²")
        .contains("12 rue de la Seiche 35770 Vern-sur-Seiche, parcelle AB 0123")
        .contains("Vu le plan local d'urbanisme intercommunal de Rennes Métropole ;")
        .contains(VISA_AVIS + " du 2 février 2027 ;")
        .contains("Article 1")
        .contains("Fait à Vern-sur-Seiche, le 12 mars 2027.")
        .contains("Maëlle Maire de Vern-sur-Seiche Maire de Vern-sur-Seiche");
    // Appeals: two months, administrative court, recours gracieux, Télérecours citoyens.
    assertThat(texte)
        .contains("Voies et délais de recours")
        .contains("saisir le tribunal administratif de Rennes d'un recours contentieux")
        .contains("délai de deux mois à compter de sa notification")
        .contains("recours gracieux")
        .contains("« Télérecours citoyens »")
        .contains("www.telerecours.fr");
    // Enforceability: notified and transmitted to the préfet.
    assertThat(texte).contains("L2131-2 du code général des collectivités territoriales");
    if (!certificat) {
      assertThat(texte)
          .contains("L424-7")
          .contains("exécutoire à compter de sa notification au demandeur et de sa transmission");
    }
    // What a favourable decision adds: display, validity, third parties.
    if (favorable) {
      assertThat(texte)
          .contains("affichée sur le terrain")
          .contains("pendant toute la durée du chantier (article R424-15")
          .contains("affiché en mairie pendant deux mois")
          .contains("R424-17")
          .contains("délai de trois ans à compter de sa notification")
          .contains("prorogée deux fois pour une durée d'un an")
          .contains("R424-21")
          .contains("R600-2");
    } else {
      assertThat(texte).doesNotContain("R424-15").doesNotContain("R424-17");
    }
    if (nature.exigeMotifs()) {
      assertThat(texte)
          .contains("l'intégralité de ceux qui fondent la présente décision (article L424-3")
          .contains("la hauteur projetée (11 m) excédant la hauteur maximale autorisée (9 m)");
    }
    if (nature.avecPrescriptions()) {
      assertThat(texte)
          .contains("Article 2 Le bénéficiaire respecte les prescriptions suivantes")
          .contains(PRESCRIPTIONS)
          .contains("sous réserve du respect des prescriptions de l'article 2");
    }
    switch (nature) {
      case ACCORD -> assertThat(texte).contains("Le permis de construire est ACCORDÉ");
      case REFUS -> assertThat(texte).contains("Le permis d'aménager est REFUSÉ");
      case SURSIS_A_STATUER ->
          assertThat(texte)
              .contains("SURSIS À STATUER")
              .contains("ne peut excéder deux ans")
              .contains("simple confirmation par le demandeur");
      case NON_OPPOSITION, NON_OPPOSITION_AVEC_PRESCRIPTIONS ->
          assertThat(texte)
              .contains("Il n'est pas fait opposition à la déclaration préalable")
              .contains("Vu la déclaration préalable n°");
      case OPPOSITION -> assertThat(texte).contains("Il est fait OPPOSITION");
      case CU_DELIVRE ->
          assertThat(texte)
              .contains("PEUT ÊTRE UTILISÉ")
              .contains("dix-huit mois")
              .contains("L410-1")
              .contains("R410-17");
      case CU_OPERATION_NON_REALISABLE -> assertThat(texte).contains("NE PEUT PAS ÊTRE UTILISÉ");
      default -> {}
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = NatureDecision.class,
      names = {"ACCORD_AVEC_PRESCRIPTIONS", "OPPOSITION", "CU_DELIVRE"})
  void lArreteEstPdfA2bEtGardeUnEmplacementDeSignatureEnDernierePage(NatureDecision nature)
      throws IOException {
    byte[] pdf = new GenerateurPdf().arrete(arrete(nature));
    DocumentsPdfATest.verifierPdfA(pdf);
    try (PDDocument d = Loader.loadPDF(pdf)) {
      List<PDSignatureField> champs = d.getSignatureFields();
      assertThat(champs).hasSize(1);
      assertThat(champs.get(0).getPartialName()).isEqualTo(ModeleArrete.CHAMP_SIGNATURE);
      assertThat(champs.get(0).getSignature()).isNull();
      PDAnnotationWidget widget = champs.get(0).getWidgets().get(0);
      PDPage derniere = d.getPage(d.getNumberOfPages() - 1);
      assertThat(derniere.getAnnotations())
          .anySatisfy(an -> assertThat(an.getCOSObject()).isSameAs(widget.getCOSObject()));
    }
  }

  @Test
  void unRefusSansMotifsOuUneDecisionEtrangereAuDossierEstRefusee() {
    ArreteADelivrer refus = arrete(NatureDecision.REFUS);
    assertThatThrownBy(() -> avec(refus, refus.type(), NatureDecision.REFUS, " "))
        .hasMessageContaining("L424-3");
    assertThatThrownBy(() -> avec(refus, TypeDossier.DP, NatureDecision.REFUS, MOTIFS))
        .hasMessageContaining("n'existe pas pour un dossier DP");
  }

  private static ArreteADelivrer avec(
      ArreteADelivrer a, TypeDossier type, NatureDecision nature, String motifs) {
    return new ArreteADelivrer(
        a.commune(),
        a.communeInsee(),
        a.signataire(),
        a.qualiteSignataire(),
        a.numeroDossier(),
        type,
        a.dateDepot(),
        a.demandeurs(),
        a.adresseTerrain(),
        a.parcelles(),
        a.descriptionProjet(),
        a.surfacePlancherCreeeM2(),
        a.surfacePlancherDemolieM2(),
        nature,
        motifs,
        a.prescriptions(),
        a.visas(),
        a.tribunalAdministratif(),
        a.auNomDeLaCommune(),
        a.date());
  }

  static String texte(byte[] pdf) throws IOException {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
    }
  }
}
