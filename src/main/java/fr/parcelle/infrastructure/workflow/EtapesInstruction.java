package fr.parcelle.infrastructure.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.application.CertificatsTacites;
import fr.parcelle.application.CourriersInstruction;
import fr.parcelle.application.InstructionService;
import fr.parcelle.application.InstructionService.ConsultationOuverte;
import fr.parcelle.application.InstructionService.Propositions;
import fr.parcelle.application.SignatureDecision;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.dossier.Consultation;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NatureAvis;
import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.referentiel.Clause;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * {@code ${etapes}}: what the BPMN calls at each legal step. It reads the task's inputs, calls the
 * application's use case, and writes back the legal dates the process needs for its timers, due
 * dates and forms. Timers fire at the start of the legal day (Europe/Paris), due dates are the end
 * of the day.
 */
@Named("etapes")
@ApplicationScoped
public class EtapesInstruction {

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InstructionService instruction;
  private final SignatureDecision signature;
  private final CertificatsTacites certificats;
  private final CourriersInstruction courriers;

  @Inject
  public EtapesInstruction(
      InstructionService instruction,
      SignatureDecision signature,
      CertificatsTacites certificats,
      CourriersInstruction courriers) {
    this.instruction = instruction;
    this.signature = signature;
    this.certificats = certificats;
    this.courriers = courriers;
  }

  /** CDI proxy constructor. */
  protected EtapesInstruction() {
    this(null, null, null, null);
  }

  /**
   * Task_PublierAvisDepot: R423-6 and R423-7, and the offers of the completeness form. The fiche is
   * written here, whole and once: the deposit's transaction starts the process without it.
   */
  public void enregistrerDepot(DelegateExecution execution) {
    Propositions p = instruction.enregistrerDepot(numero(execution));
    // The form's inputs, preset: variables of their own (the Tasklist sends them back).
    execution.setVariable(
        "majorationsRetenues",
        codes(p.majorationsProposees().stream().map(Majoration::code).toList()));
    execution.setVariable(
        "servicesAConsulter", codes(p.servicesProposes().stream().map(s -> s.code()).toList()));
    // What the forms show (texts in disabled fields) and offer (lists read by valuesExpression).
    Map<String, Object> fiche = new LinkedHashMap<>(ficheDuDepot(p.dossier(), p.resume()));
    fiche.putAll(
        Map.of(
            "majorationsPossibles",
            options(p.majorationsPossibles(), this::option),
            "servicesConsultables",
            options(
                p.servicesConsultables(),
                s -> Map.of("value", s.code(), "label", s.libelle() + " (" + s.article() + ")")),
            "piecesDuBordereau",
            options(
                p.piecesDuBordereau(),
                x -> Map.of("value", x.code(), "label", x.code() + " – " + x.libelle())),
            "liensPieces",
            // The dossier just locked and updated, not a second query (which flushed it first).
            liensPieces(p.dossier()),
            "majorationsProposees",
            p.majorationsProposees().isEmpty()
                ? "Aucune majoration proposée par la table des délais."
                : p.majorationsProposees().stream()
                    .map(m -> m.motif() + " (" + m.article() + ")")
                    .collect(Collectors.joining(" ; "))));
    FicheDossier.completer(execution, fiche);
  }

  /** The fiche's texts about the deposited dossier: what it is, where, by whom, its dates. */
  static Map<String, String> ficheDuDepot(Dossier d, InstructionWorkflow.Resume r) {
    LocalDate decisionTacite = d.dateDecisionTacite().orElseThrow();
    Map<String, String> fiche = new LinkedHashMap<>();
    fiche.put("numero", d.numero().orElseThrow().affichage());
    fiche.put("nature", r.libelleType());
    fiche.put("commune", r.communeNom() + " (" + d.communeInsee() + ")");
    fiche.put("demandeurs", r.demandeurs());
    fiche.put("adresse", r.adresseTerrain());
    fiche.put("description", r.descriptionProjet());
    fiche.put("dateDepot", DATE.format(d.dateDepot().orElseThrow()));
    fiche.put("dateLimiteCompletude", DATE.format(d.dateLimiteCompletude().orElseThrow()));
    fiche.put("dateDecisionTacite", DATE.format(decisionTacite));
    fiche.put("dateFinDelai", DATE.format(decisionTacite.minusDays(1)));
    return fiche;
  }

  /** Task_VerifierCompletude, on completion: complete, or the single request for pièces. */
  public void completude(DelegateTask task) {
    String completude = (String) task.getVariable("completude");
    if (completude == null) {
      throw new IllegalArgumentException("Indiquez si le dossier est complet ou incomplet.");
    }
    NumeroDossier numero = numero(task);
    List<String> majorations = liste(task, "majorationsRetenues");
    switch (completude) {
      case "COMPLET" -> echeances(task, instruction.constaterComplet(numero, majorations));
      case "INCOMPLET" -> {
        LocalDate limite =
            instruction.demanderPieces(
                numero,
                liste(task, "piecesManquantes"),
                (String) task.getVariable("precisionsPieces"),
                majorations);
        task.setVariable("dateLimitePieces", finDeJournee(limite));
        task.setVariable("finDelaiPieces", debutDeJournee(limite.plusDays(1)));
        FicheDossier.completer(task, Map.of("dateLimitePieces", DATE.format(limite)));
      }
      default -> throw new IllegalArgumentException("Complétude inconnue : " + completude + ".");
    }
    // The letter of the first month goes to the applicant's dossier with the decision itself.
    courriers.notifierPremierMois(numero);
  }

  /** Task_ConstaterDossierReputeComplet (R423-22). */
  public void reputeComplet(DelegateExecution execution) {
    execution.setVariable("completude", "REPUTE_COMPLET");
    echeances(execution, instruction.constaterCompletudeReputee(numero(execution)));
  }

  /** Task_ConstaterRejetTacite (R423-39 a). */
  public void rejetTacite(DelegateExecution execution) {
    instruction.rejeterTacitement(numero(execution));
  }

  /** The collection of SubProcess_Consultation: the services chosen at the completeness step. */
  public Collection<String> servicesAConsulter(DelegateExecution execution) {
    return liste(execution, "servicesAConsulter");
  }

  /** Task_EnvoyerConsultation: one consultation, its délai, who answers. */
  public void consulter(DelegateExecution execution) {
    ConsultationOuverte c =
        instruction.consulter(
            numero(execution),
            (String) execution.getVariable("serviceConsulte"),
            (String) execution.getVariable("groupeInstructeurs"));
    execution.setVariableLocal("consultationId", c.id().toString());
    execution.setVariableLocal("libelleServiceConsulte", c.libelle());
    execution.setVariableLocal("groupeAvis", c.groupe());
    execution.setVariableLocal("dateLimiteAvis", finDeJournee(c.dateLimite()));
    execution.setVariableLocal("finDelaiAvis", debutDeJournee(c.dateLimite().plusDays(1)));
    execution.setVariableLocal("dateLimiteAvisTexte", DATE.format(c.dateLimite()));
    // The form's answers land here, in this consultation, not in the process.
    execution.setVariableLocal("avis", null);
    execution.setVariableLocal("avisTexte", null);
  }

  /** Task_RendreAvis, on completion. */
  public void avis(DelegateTask task) {
    String nature = (String) task.getVariable("avis");
    if (nature == null) {
      throw new IllegalArgumentException("Choisissez la nature de l'avis.");
    }
    // The nature silence would now have is the dossier's (R424-3); the proposal form shows it.
    instruction.enregistrerAvis(
        numero(task),
        UUID.fromString((String) task.getVariable("consultationId")),
        NatureAvis.valueOf(nature),
        (String) task.getVariable("avisTexte"),
        task.getAssignee());
  }

  /** Task_ConstaterAvisTacite (R423-59). */
  public void avisTacite(DelegateExecution execution) {
    instruction.constaterAvisTacite(
        numero(execution), UUID.fromString((String) execution.getVariable("consultationId")));
  }

  /** Task_InstruireEtProposer, on creation: what the instructor chooses from. */
  public void preparerProposition(DelegateTask task) {
    Dossier d = instruction.dossier(numero(task));
    String nature = d.type().nature();
    FicheDossier.completer(
        task,
        Map.of(
            "decisionsPossibles",
            options(
                Arrays.stream(NatureDecision.values()).filter(n -> n.possiblePour(nature)).toList(),
                n -> Map.of("value", n.name(), "label", n.libelle())),
            "clausesDisponibles",
            options(
                instruction.clauses(),
                c ->
                    Map.of(
                        "value",
                        c.code(),
                        "label",
                        (c.usage() == Clause.Usage.MOTIF ? "Motif – " : "Prescription – ")
                            + c.libelle()
                            + " ("
                            + c.article()
                            + ")")),
            "syntheseAvis",
            synthese(d.consultations()),
            "liensPieces",
            liensPieces(d),
            "natureDecisionTacite",
            d.natureDecisionTacite()
                .map(n -> n.toLowerCase(Locale.ROOT).replace('_', ' '))
                .orElse("")));
  }

  /** Task_InstruireEtProposer, on completion. */
  public void proposition(DelegateTask task) {
    String nature = (String) task.getVariable("decisionProposee");
    if (nature == null) {
      throw new IllegalArgumentException("Choisissez la décision proposée.");
    }
    NumeroDossier numero = numero(task);
    instruction.proposerDecision(
        numero,
        NatureDecision.valueOf(nature),
        liste(task, "clausesChoisies"),
        (String) task.getVariable("motifs"),
        (String) task.getVariable("prescriptions"));
    Dossier d = instruction.dossier(numero);
    FicheDossier.completer(
        task,
        Map.of(
            "decisionProposee",
            NatureDecision.valueOf(nature).libelle(),
            "lienProjetArrete",
            "[Lire le projet d'arrêté (PDF)](/api/v1/dossiers/" + d.id() + "/projet-arrete)",
            "motifs",
            d.motifs().orElse(""),
            "prescriptions",
            d.prescriptions().orElse("")));
    task.setVariable("signature", null);
    task.setVariable("commentaireMaire", null);
  }

  /** Task_SignerArrete, on completion: signed, or sent back with a comment. */
  public void signature(DelegateTask task) {
    String choix = (String) task.getVariable("signature");
    NumeroDossier numero = numero(task);
    if ("SIGNER".equals(choix)) {
      // The person who completes the task signs (the Tasklist's signed-in user); without one (a
      // call outside the webapps), the task's assignee.
      var authentification =
          task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String signataire =
          authentification != null ? authentification.getUserId() : task.getAssignee();
      if (signataire == null) {
        throw new IllegalArgumentException("Prenez la tâche avant de signer l'arrêté.");
      }
      signature.signer(numero, signataire);
    } else if ("RENVOYER".equals(choix)) {
      String commentaire = (String) task.getVariable("commentaireMaire");
      if (commentaire == null || commentaire.isBlank()) {
        throw new IllegalArgumentException(
            "Dites au service instructeur ce qui doit changer (commentaire).");
      }
      instruction.renvoyer(numero, commentaire);
    } else {
      throw new IllegalArgumentException("Signez l'arrêté ou renvoyez-le au service instructeur.");
    }
  }

  /** Task_ConstaterDecisionTacite (R424-1). */
  public void decisionTacite(DelegateExecution execution) {
    instruction.constaterDecisionTacite(numero(execution));
    certificats.delivrer(numero(execution));
  }

  /**
   * The process variables of the legal dates once completeness is known: those the process reads
   * (the due date of the proposal and signature, the instruction's timer and follow-up date). The
   * délai, its start and the nature of a tacit decision are the dossier's; the forms show them from
   * the fiche.
   */
  static Map<String, Object> variablesEcheances(Dossier.Echeances e) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("dateFinDelai", finDeJournee(e.dateFinDelai()));
    v.put("debutDecisionTacite", debutDeJournee(e.dateDecisionTacite()));
    return v;
  }

  /** What the forms show of the legal dates once completeness is known (in the fiche). */
  static Map<String, String> textesEcheances(Dossier.Echeances e) {
    return Map.of(
        "dateFinDelai",
        DATE.format(e.dateFinDelai()),
        "dateDecisionTacite",
        DATE.format(e.dateDecisionTacite()),
        "delai",
        e.delaiMois() + " mois à compter du " + DATE.format(e.debutDelai()));
  }

  private static void echeances(VariableScope scope, Dossier.Echeances e) {
    scope.setVariables(variablesEcheances(e));
    FicheDossier.completer(scope, textesEcheances(e));
  }

  /**
   * The pièces as Markdown links for the task forms (opened with the agent's Tasklist session), the
   * pièces filed first, then those answering the request for missing pièces.
   */
  static String liensPieces(Dossier d) {
    String base = "/api/v1/dossiers/" + d.id() + "/";
    StringBuilder md = new StringBuilder();
    for (var p : d.pieces()) {
      md.append(lien(p.code(), p.nomFichier(), base + "pieces/" + p.code()));
    }
    for (var p : d.piecesComplementaires()) {
      md.append(
          lien(
              p.code() + " (complémentaire)",
              p.nomFichier(),
              base + "pieces-complementaires/" + p.code()));
    }
    for (var c : d.consultations()) {
      c.document()
          .ifPresent(
              x ->
                  md.append(
                      lien(
                          "Avis " + c.serviceCode(),
                          x.nomFichier(),
                          base + "consultations/" + c.serviceCode() + "/document")));
    }
    return md.isEmpty() ? "Aucune pièce." : md.toString();
  }

  private static String lien(String code, String nom, String url) {
    String libelle = (code + " – " + nom).replaceAll("[\\[\\]()*_`<>]", " ");
    return "- [" + libelle + "](" + url + ")\n";
  }

  private static String synthese(List<Consultation> consultations) {
    if (consultations.isEmpty()) {
      return "Aucune consultation.";
    }
    return consultations.stream()
        .map(
            c ->
                c.serviceLibelle()
                    + " : "
                    + c.avis().map(NatureAvis::libelle).orElse("en attente")
                    + (c.avisTacite() ? " (tacite)" : "")
                    + (c.avisConforme() ? " — avis conforme" : "")
                    + c.avisTexte().map(t -> " — " + t).orElse(""))
        .collect(Collectors.joining("\n"));
  }

  private Map<String, Object> option(Majoration m) {
    String duree =
        m.delaiPorteAMois() != null
            ? "délai porté à " + m.delaiPorteAMois() + " mois"
            : "+" + m.moisAjoutes() + " mois";
    return Map.of("value", m.code(), "label", m.motif() + " (" + m.article() + ", " + duree + ")");
  }

  /** A form's choices: {@code value} and {@code label}, in the fiche. */
  private static <T> List<Map<String, Object>> options(
      List<T> elements, java.util.function.Function<T, Map<String, Object>> enOption) {
    return elements.stream().map(enOption).toList();
  }

  private static TypedValue codes(List<String> codes) {
    return json(codes);
  }

  private static TypedValue json(Object valeur) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(valeur)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A list of strings from a form's checklist: a JSON variable (Tasklist sends arrays as JSON), a
   * Java list, or a JSON text.
   */
  static List<String> liste(VariableScope scope, String nom) {
    Object v = scope.getVariable(nom);
    if (v == null) {
      return List.of();
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).toList();
    }
    String texte = v.toString();
    if (texte.isBlank()) {
      return List.of();
    }
    try {
      List<Object> brut = JSON.readValue(texte, new TypeReference<List<Object>>() {});
      List<String> codes = new ArrayList<>();
      for (Object o : brut) {
        codes.add(o instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(o));
      }
      return codes;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Liste illisible dans " + nom + " : " + texte, e);
    }
  }

  private static NumeroDossier numero(DelegateExecution execution) {
    return NumeroDossier.depuis(execution.getProcessBusinessKey());
  }

  private static NumeroDossier numero(DelegateTask task) {
    return NumeroDossier.depuis(task.getExecution().getProcessBusinessKey());
  }

  /** A legal date ends at midnight, French time: a task is due until the end of that day. */
  static Date finDeJournee(LocalDate date) {
    return Date.from(
        date.atTime(LocalTime.of(23, 59, 59)).atZone(HorlogeProducer.FUSEAU_LEGAL).toInstant());
  }

  /** A legal event of a day happens as that day begins, French time. */
  static Date debutDeJournee(LocalDate date) {
    return Date.from(date.atStartOfDay(HorlogeProducer.FUSEAU_LEGAL).toInstant());
  }
}
