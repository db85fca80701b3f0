package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DemandeDossier.AdresseSaisie;
import fr.parcelle.application.DemandeDossier.ArchitecteSaisi;
import fr.parcelle.application.DemandeDossier.DemandeurSaisi;
import fr.parcelle.application.DemandeDossier.ParcelleSaisie;
import fr.parcelle.application.DemandeDossier.TerrainSaisi;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A dossier as the API shows it: the cerfa data with the contract's field names, the pièces
 * expected, received and missing, and after deposit its number, legal dates and documents. {@code
 * numero} is the compact legal number, {@code numeroAffiche} the printed one.
 */
public record DossierVue(
    UUID id,
    String type,
    String libelleType,
    String natureDemande,
    String numeroAutorisation,
    String communeInsee,
    String statut,
    String numero,
    String numeroAffiche,
    String depositaire,
    List<DemandeurSaisi> demandeurs,
    TerrainSaisi terrain,
    ProjetVue projet,
    ArchitecteSaisi architecte,
    List<PieceAttendue> piecesAttendues,
    List<PieceVue> pieces,
    List<String> piecesManquantes,
    Instant creeLe,
    Instant deposeLe,
    LocalDate dateDepot,
    Integer delaiInstructionMois,
    LocalDate dateDecisionTacite,
    LocalDate dateLimiteCompletude,
    List<DocumentVue> documents,
    String libelleStatut,
    LocalDate dateFinDelai,
    String natureDecisionTacite,
    InstructionVue instruction,
    List<EvenementVue> evenements) {

  /** Where the instruction stands: its legal dates and steps. */
  public record InstructionVue(
      LocalDate dateAvisDepot,
      LocalDate dateTransmissionPrefet,
      LocalDate dateCompletude,
      boolean completudeReputee,
      DemandePiecesVue demandePieces,
      List<String> majorations,
      List<ConsultationVue> consultations,
      String decision,
      LocalDate dateDecision,
      LocalDate dateNotification,
      LocalDate dateTransmissionControleLegalite,
      LocalDate dateExecutoire) {}

  /** The single request for missing pièces and its answer. */
  public record DemandePiecesVue(
      LocalDate date,
      List<String> pieces,
      LocalDate dateLimite,
      LocalDate dateReception,
      List<String> manquantes,
      List<PieceVue> piecesComplementaires) {}

  /** A consultation of a service and its avis. */
  public record ConsultationVue(
      String service,
      String libelle,
      boolean avisConforme,
      LocalDate dateEnvoi,
      LocalDate dateLimite,
      String avis,
      boolean avisTacite,
      LocalDate dateAvis,
      URI document) {}

  /** One step of the timeline. */
  public record EvenementVue(
      String type, String libelle, LocalDate dateLegale, String article, String detail) {}

  /** The project as filed. */
  public record ProjetVue(
      String description,
      String natureTravaux,
      BigDecimal surfacePlancherExistanteM2,
      BigDecimal surfacePlancherCreeeM2,
      BigDecimal surfacePlancherDemolieM2,
      Integer logementsCrees,
      Set<String> contraintes) {}

  /** A pièce received. */
  public record PieceVue(
      String code,
      String nomFichier,
      long taille,
      String typeMedia,
      String sha256,
      String sha512,
      Integer pages,
      Instant recueLe,
      URI contenu) {

    static PieceVue de(PieceJointe p, URI base) {
      return new PieceVue(
          p.code(),
          p.nomFichier(),
          p.taille(),
          p.typeMedia(),
          p.empreinte().sha256(),
          p.empreinte().sha512(),
          p.pages().orElse(null),
          p.recueLe(),
          base.resolve((p.complementaire() ? "pieces-complementaires/" : "pieces/") + p.code()));
    }
  }

  /** A document issued by the platform. */
  public record DocumentVue(
      String type,
      String nomFichier,
      long taille,
      String sha256,
      String sha512,
      Instant emisLe,
      URI contenu) {}

  /**
   * @param base the dossier's own URI, ending with a slash
   */
  static DossierVue de(Dossier d, List<PieceAttendue> attendues, URI base) {
    return new DossierVue(
        d.id(),
        d.type().name(),
        d.type().libelle(),
        d.natureDemande().name(),
        d.numeroAutorisation().orElse(null),
        d.communeInsee(),
        d.statut().name(),
        d.numero().map(NumeroDossier::valeur).orElse(null),
        d.numero().map(NumeroDossier::affichage).orElse(null),
        d.depositaire(),
        d.demandeurs().stream()
            .map(
                x ->
                    new DemandeurSaisi(
                        x.nature().name(),
                        x.nom(),
                        x.prenom(),
                        x.raisonSociale(),
                        x.siret(),
                        x.representant(),
                        x.email(),
                        x.telephone()))
            .toList(),
        new TerrainSaisi(
            d.adresse()
                .map(
                    a ->
                        new AdresseSaisie(
                            a.numero(), a.voie(), a.lieuDit(), a.codePostal(), a.commune()))
                .orElse(null),
            d.parcelles().stream()
                .map(p -> new ParcelleSaisie(p.prefixe(), p.section(), p.numero(), p.surfaceM2()))
                .toList()),
        d.projet()
            .map(
                p ->
                    new ProjetVue(
                        p.description(),
                        p.natureTravaux(),
                        p.surfaceExistanteM2(),
                        p.surfaceCreeeM2(),
                        p.surfaceDemolieM2(),
                        p.logementsCrees(),
                        d.contraintes()))
            .orElse(null),
        d.architecte().map(a -> new ArchitecteSaisi(a.nom(), a.numeroCroa())).orElse(null),
        attendues,
        d.pieces().stream().map(p -> PieceVue.de(p, base)).toList(),
        attendues.stream()
            .filter(a -> a.obligatoire() && d.piece(a.code()).isEmpty())
            .map(PieceAttendue::code)
            .toList(),
        d.creeLe(),
        d.deposeLe().orElse(null),
        d.dateDepot().orElse(null),
        d.delaiInstructionMois().orElse(null),
        d.dateDecisionTacite().orElse(null),
        d.dateLimiteCompletude().orElse(null),
        d.documents().stream().map(x -> document(x, base)).toList(),
        d.statut().libelle(),
        d.dateFinDelai().orElse(null),
        d.natureDecisionTacite().orElse(null),
        d.estBrouillon() ? null : instruction(d, base),
        d.evenements().stream()
            .map(
                e ->
                    new EvenementVue(
                        e.type().name(),
                        e.type().libelle(),
                        e.dateLegale(),
                        e.article(),
                        e.detail()))
            .toList());
  }

  private static InstructionVue instruction(Dossier d, URI base) {
    DemandePiecesVue demande =
        d.dateDemandePieces()
            .map(
                date ->
                    new DemandePiecesVue(
                        date,
                        d.piecesDemandees(),
                        d.dateLimitePieces().orElse(null),
                        d.dateReceptionPieces().orElse(null),
                        d.piecesComplementairesManquantes(),
                        d.piecesComplementaires().stream().map(p -> PieceVue.de(p, base)).toList()))
            .orElse(null);
    return new InstructionVue(
        d.dateAvisDepot().orElse(null),
        d.dateTransmissionPrefet().orElse(null),
        d.dateCompletude().orElse(null),
        d.completudeReputee(),
        demande,
        d.majorations(),
        d.consultations().stream()
            .map(
                c ->
                    new ConsultationVue(
                        c.serviceCode(),
                        c.serviceLibelle(),
                        c.avisConforme(),
                        c.dateEnvoi(),
                        c.dateLimite(),
                        c.avis().map(Enum::name).orElse(null),
                        c.avisTacite(),
                        c.dateAvis().orElse(null),
                        c.document()
                            .map(
                                x -> base.resolve("consultations/" + c.serviceCode() + "/document"))
                            .orElse(null)))
            .toList(),
        d.decision().map(Enum::name).orElse(null),
        d.dateDecision().orElse(null),
        d.dateNotification().orElse(null),
        d.dateTransmissionControle().orElse(null),
        d.dateExecutoire().orElse(null));
  }

  private static DocumentVue document(DocumentEmis x, URI base) {
    return new DocumentVue(
        x.type().name(),
        x.nomFichier(),
        x.taille(),
        x.empreinte().sha256(),
        x.empreinte().sha512(),
        x.emisLe(),
        base.resolve("documents/" + x.type().segment()));
  }
}
