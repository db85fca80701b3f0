package fr.parcelle.application;

import fr.parcelle.application.securite.Authentificateur;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.ArreteADelivrer;
import fr.parcelle.domain.model.dossier.Consultation;
import fr.parcelle.domain.model.dossier.DemandeRefuseeException;
import fr.parcelle.domain.model.dossier.Demandeur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.Parcelle;
import fr.parcelle.domain.model.dossier.Projet;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.ControleDeLegalite;
import fr.parcelle.domain.port.DocumentGenerator;
import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.domain.port.Signataire;
import fr.parcelle.domain.port.SignatureElectronique;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * "Signer l'arrêté": only the maire of the commune (or a delegate, member of the same group) signs;
 * the arrêté is generated from the decision proposed, signed electronically (PAdES) with the
 * signer's own key, and kept in the dossier for the applicant, in the transaction that records the
 * decision.
 */
@ApplicationScoped
@Transactional
public class SignatureDecision {

  private static final Logger LOG = Logger.getLogger(SignatureDecision.class.getName());
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

  private final DossierRepository dossiers;
  private final Territoire territoire;
  private final Authentificateur identites;
  private final DocumentGenerator documents;
  private final SignatureElectronique signature;
  private final DocumentStore stockage;
  private final ControleDeLegalite prefecture;
  private final Clock horloge;

  @Inject
  public SignatureDecision(
      DossierRepository dossiers,
      Territoire territoire,
      Authentificateur identites,
      DocumentGenerator documents,
      SignatureElectronique signature,
      DocumentStore stockage,
      ControleDeLegalite prefecture,
      Clock horloge) {
    this.dossiers = dossiers;
    this.territoire = territoire;
    this.identites = identites;
    this.documents = documents;
    this.signature = signature;
    this.stockage = stockage;
    this.prefecture = prefecture;
    this.horloge = horloge;
  }

  /** CDI proxy constructor. */
  protected SignatureDecision() {
    this(null, null, null, null, null, null, null, null);
  }

  /**
   * Signs the decision proposed on dossier {@code numero} as {@code login}.
   *
   * @throws DemandeRefuseeException if {@code login} is not the competent authority
   */
  public DocumentEmis signer(NumeroDossier numero, String login) {
    Dossier d =
        dossiers
            .parNumeroPourModification(numero)
            .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
    Commune commune =
        territoire
            .commune(d.communeInsee())
            .orElseThrow(() -> new IllegalStateException("Commune inconnue " + d.communeInsee()));
    fr.parcelle.domain.model.territoire.AutoriteCompetente autorite =
        territoire
            .autoriteCompetente(commune.insee(), login)
            .orElseThrow(
                () ->
                    new DemandeRefuseeException(
                        "Seul le maire de "
                            + commune.nom()
                            + " ou un délégué désigné par arrêté signe les arrêtés de cette commune"
                            + " (L422-1 ; L2122-18 CGCT)."));
    Utilisateur maire =
        identites
            .utilisateur(login)
            .orElseThrow(() -> new DemandeRefuseeException("Compte inconnu : " + login + "."));
    LocalDate aujourdhui = LocalDate.now(horloge);
    String qualite = autorite.qualiteSignature();
    d.signerDecision(maire.nomAffiche(), aujourdhui, horloge.instant());
    byte[] arrete = documents.arrete(arrete(d, commune, maire.nomAffiche(), qualite, aujourdhui));
    byte[] signe =
        signature.signer(
            arrete, new Signataire(login, maire.nomAffiche(), qualite, commune.insee()));
    DocumentEmis emis =
        Emission.emettre(stockage, d, TypeDocument.ARRETE, signe, horloge.instant());
    // Notified: the signed arrêté is in the applicant's dossier from now on (e-mail comes with the
    // portal); transmitted to the préfet as PLAT'AU carries it.
    ControleDeLegalite.Accuse accuse =
        prefecture.transmettre(
            new ControleDeLegalite.Acte(
                numero.valeur(),
                commune.insee(),
                d.decision().orElseThrow().name(),
                aujourdhui,
                java.util.List.of(
                    new ControleDeLegalite.Document(emis.nomFichier(), "application/pdf", signe))));
    d.notifierEtTransmettre(
        aujourdhui, accuse.dateReception(), accuse.identifiant(), horloge.instant());
    LOG.info(() -> "Arrêté " + numero.affichage() + " signé par " + login);
    return emis;
  }

  /**
   * The draft arrêté the maire reads before signing (unsigned, with the empty signature field), for
   * the maire of the commune and the instructors of its service only.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public byte[] projet(Utilisateur u, java.util.UUID id) {
    Dossier d = dossiers.parId(id).orElseThrow(() -> new DossierIntrouvableException(id));
    Commune commune = territoire.commune(d.communeInsee()).orElseThrow();
    boolean maire = u.estMembreDe(territoire.groupeMaire(commune.insee()));
    boolean instructeur =
        territoire
            .service(commune.codeService())
            .map(s -> u.estMembreDe(s.groupeInstructeurs()))
            .orElse(false);
    if (!maire && !instructeur) {
      throw new DossierIntrouvableException(id);
    }
    if (d.decisionProposee().isEmpty()
        || d.statut() != fr.parcelle.domain.model.dossier.StatutDossier.DECISION_EN_SIGNATURE) {
      throw new OperationImpossibleException("Aucun projet d'arrêté n'attend de signature.");
    }
    return documents.arrete(
        arrete(
            d,
            commune,
            "Le maire de " + commune.nom() + " (projet non signé)",
            "Maire de " + commune.nom(),
            LocalDate.now(horloge),
            d.decisionProposee().orElseThrow()));
  }

  private static ArreteADelivrer arrete(
      Dossier d, Commune commune, String signataire, String qualite, LocalDate date) {
    return arrete(d, commune, signataire, qualite, date, d.decision().orElseThrow());
  }

  private static ArreteADelivrer arrete(
      Dossier d,
      Commune commune,
      String signataire,
      String qualite,
      LocalDate date,
      fr.parcelle.domain.model.dossier.NatureDecision nature) {
    List<String> visas = new ArrayList<>();
    for (Consultation c : d.consultations()) {
      c.avis()
          .ifPresent(
              a ->
                  visas.add(
                      "Vu l'avis "
                          + a.libelle()
                          + (c.avisTacite() ? " (tacite)" : "")
                          + " de "
                          + c.serviceLibelle()
                          + " du "
                          + DATE.format(c.dateAvis().orElse(c.dateLimite()))
                          + " ;"));
    }
    return new ArreteADelivrer(
        commune.nom(),
        commune.insee(),
        signataire,
        qualite,
        d.numero().orElseThrow().affichage(),
        d.type(),
        d.dateDepot().orElseThrow(),
        d.demandeurs().stream().map(Demandeur::designation).toList(),
        d.adresse().map(a -> a.enLigne()).orElse(""),
        d.parcelles().stream().map(Parcelle::reference).toList(),
        d.projet().map(Projet::description).orElse(""),
        d.projet().map(Projet::surfaceCreeeM2).orElse(null),
        d.projet().map(Projet::surfaceDemolieM2).orElse(null),
        nature,
        d.motifs().orElse(null),
        d.prescriptions().orElse(null),
        visas,
        tribunalAdministratif(commune.departement()),
        true,
        date);
  }

  /** The administrative court of the département (R221-3 CJA); Brittany's is in Rennes. */
  private static String tribunalAdministratif(String departement) {
    return switch (departement) {
      case "22", "29", "35", "56" -> "Tribunal administratif de Rennes";
      default -> "tribunal administratif territorialement compétent";
    };
  }
}
