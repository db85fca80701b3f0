package fr.parcelle.bench;

import fr.parcelle.infrastructure.workflow.FicheDossier;
import fr.parcelle.infrastructure.workflow.HistoriqueParcelle;
import fr.parcelle.support.MoteurDeTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Engines for the process benchmarks, on a real PostgreSQL that the benchmark has migrated ({@code
 * PostgresDeTest.migrer}). {@link #commeEnProduction} repeats the settings of {@code
 * ProcessEngineBootstrap} (audit history, authorisation checks and the application's default
 * authorisations, UUID ids, JSON variables through Spin, no Java serialisation, metrics); {@link
 * #nu} is Camunda's defaults. Both use the engine's own connection pool, as neither runs in Payara
 * here.
 */
final class MoteurDeBanc {

  static final String PROCESSUS = "Process_InstructionDau";

  private MoteurDeBanc() {}

  static ProcessEngine commeEnProduction(String url, String utilisateur, String nom, int pool) {
    return commeEnProduction(url, utilisateur, nom, pool, false);
  }

  /**
   * @param jobExecutor the job executor running, sized as in production (3 to 6 threads, a queue of
   *     12, 3 jobs per acquisition; {@code -Dbanc.jobs.par-acquisition}, {@code
   *     -Dbanc.jobs.attente} and {@code -Dbanc.jobs.recul} to try others)
   */
  static ProcessEngine commeEnProduction(
      String url, String utilisateur, String nom, int pool, boolean jobExecutor) {
    StandaloneProcessEngineConfiguration c = base(url, utilisateur, nom, pool);
    if (jobExecutor) {
      org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor executeur =
          new org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor();
      executeur.setCorePoolSize(3);
      executeur.setMaxPoolSize(6);
      executeur.setQueueSize(12);
      executeur.setMaxJobsPerAcquisition(Integer.getInteger("banc.jobs.par-acquisition", 3));
      executeur.setWaitTimeInMillis(Integer.getInteger("banc.jobs.attente", 5000));
      executeur.setBackoffTimeInMillis(Integer.getInteger("banc.jobs.recul", 0));
      c.setJobExecutor(executeur);
      c.setJobExecutorActivate(true);
    }
    c.setCustomHistoryLevels(new java.util.ArrayList<>(List.of(new HistoriqueParcelle())));
    c.setHistory(System.getProperty("banc.historique", HistoriqueParcelle.NOM));
    c.setEnforceHistoryTimeToLive(true);
    c.setDefaultSerializationFormat("application/json");
    fr.parcelle.infrastructure.identite.ControleDesAutorisations.installer(c);
    c.setAuthorizationEnabled(!Boolean.getBoolean("banc.sans-autorisations"));
    c.setJavaSerializationFormatEnabled(false);
    c.setMetricsEnabled(true);
    c.setIdGenerator(new StrongUuidGenerator());
    c.setBeans(new HashMap<>(Map.of("etapes", new EtapesMuettes())));
    c.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.FicheALaDemande.plugin());
    if (!Boolean.getBoolean("banc.plans-generiques")) {
      c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.PlansParRequete.plugin());
    }
    // -Dbanc.valeurs-reecrites=true: every submitted JSON list rewritten, as before.
    if (!Boolean.getBoolean("banc.valeurs-reecrites")) {
      c.getProcessEnginePlugins()
          .add(fr.parcelle.infrastructure.workflow.ValeursInchangees.plugin());
    }
    // -Dbanc.messages-d-insertion=true: the engine's own entity manager, as before.
    if (!Boolean.getBoolean("banc.messages-d-insertion")) {
      c.getProcessEnginePlugins()
          .add(fr.parcelle.infrastructure.workflow.EntitesSansMessage.plugin());
    }
    // -Dbanc.reflexion=true: MyBatis calls the entities' getters and setters by reflection.
    if (!Boolean.getBoolean("banc.reflexion")) {
      c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.AccesDirects.plugin());
    }
    ProcessEngine moteur = c.buildProcessEngine();
    if (moteur
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .processDefinitionKey(PROCESSUS)
            .count()
        == 0) {
      fr.parcelle.support.MoteurDeTest.deployerInstruction(moteur, "banc");
    }
    return moteur;
  }

  /** Camunda's defaults: what the issue calls a bare engine. */
  static ProcessEngine nu(String url, String utilisateur, String nom, int pool) {
    StandaloneProcessEngineConfiguration c = base(url, utilisateur, nom, pool);
    // Camunda's own levels only; beside Parcelle's level, audit (the same id).
    String niveau = System.getProperty("banc.historique", ProcessEngineConfiguration.HISTORY_AUDIT);
    c.setHistory(
        niveau.equals(HistoriqueParcelle.NOM) ? ProcessEngineConfiguration.HISTORY_AUDIT : niveau);
    return c.buildProcessEngine();
  }

  private static StandaloneProcessEngineConfiguration base(
      String url, String utilisateur, String nom, int pool) {
    // -Dbanc.jdbc-options=?options=-c%20plan_cache_mode%3Dforce_custom_plan: see
    // docs/performance.md.
    StandaloneProcessEngineConfiguration c =
        MoteurDeTest.configuration(url + System.getProperty("banc.jdbc-options", ""), nom, pool);
    c.setProcessEngineName(nom);
    c.setJdbcUsername(utilisateur);
    return c;
  }

  /**
   * The process's steps without the dossier behind them: each sets the variables the real step
   * ({@code EtapesInstruction}) sets, with values of the same kind and size, so that the engine
   * stores what it stores in production. The dossier's own work (JPA, PDF) is measured by the
   * deposit benchmark, not here.
   */
  public static final class EtapesMuettes {

    private static final List<Map<String, String>> OPTIONS =
        List.of(
            Map.of("value", "ABF", "label", "Architecte des Bâtiments de France (R423-54)"),
            Map.of(
                "value",
                "SDIS",
                "label",
                "Service départemental d'incendie et de secours (R423-50)"),
            Map.of("value", "GESTIONNAIRE_VOIRIE", "label", "Gestionnaire de la voirie (R423-53)"));
    private static final TypedValue AUCUN = SpinValues.jsonValue("[]").create();
    private static final String LIENS =
        "PCMI1 – Plan de situation : /dossiers/…/pieces/PCMI1\n".repeat(8);

    /** The fiche's texts about the dossier, which the real step writes with the lists. */
    private static final Map<String, String> DEPOT =
        Map.of(
            "numero", "PC 035 352 26 00001",
            "nature", "Permis de construire pour une maison individuelle",
            "commune", "Vern-sur-Seiche (35352)",
            "demandeurs", "Claire Martin ; Paul Martin",
            "adresse", "12 rue des Lilas, 35770 Vern-sur-Seiche",
            "description", "Construction d'une maison individuelle de plain-pied, 120 m².",
            "dateDepot", "27 novembre 2026",
            "dateLimiteCompletude", "27 décembre 2026",
            "dateDecisionTacite", "28 janvier 2027",
            "dateFinDelai", "27 janvier 2027");

    public void enregistrerDepot(DelegateExecution e) {
      e.setVariable("majorationsRetenues", AUCUN);
      e.setVariable("servicesAConsulter", AUCUN);
      Map<String, Object> fiche = new java.util.LinkedHashMap<>(DEPOT);
      fiche.putAll(
          Map.of(
              "majorationsPossibles",
              OPTIONS,
              "servicesConsultables",
              OPTIONS,
              "piecesDuBordereau",
              OPTIONS,
              "liensPieces",
              LIENS,
              "majorationsProposees",
              "Aucune majoration proposée par la table."));
      FicheDossier.completer(e, fiche);
    }

    /**
     * Complete: the délai's dates the process reads and their texts in the fiche; incomplete: the
     * single request's three-month limit. As the real step sets them.
     */
    public void completude(DelegateTask t) {
      if ("COMPLET".equals(t.getVariable("completude"))) {
        java.util.Date fin =
            new java.util.Date(System.currentTimeMillis() + 61L * 24 * 3600 * 1000);
        t.setVariables(Map.of("dateFinDelai", fin, "debutDecisionTacite", fin));
        FicheDossier.completer(
            t,
            Map.of(
                "dateFinDelai",
                "27 janvier 2027",
                "dateDecisionTacite",
                "28 janvier 2027",
                "delai",
                "2 mois à compter du 27 novembre 2026"));
      } else if ("INCOMPLET".equals(t.getVariable("completude"))) {
        java.util.Date limite =
            new java.util.Date(System.currentTimeMillis() + 90L * 24 * 3600 * 1000);
        t.setVariable("dateLimitePieces", limite);
        t.setVariable("finDelaiPieces", limite);
        FicheDossier.completer(t, Map.of("dateLimitePieces", "28 février 2027"));
      }
    }

    public void reputeComplet(DelegateExecution e) {
      e.setVariable("completude", "REPUTE_COMPLET");
    }

    public void rejetTacite(DelegateExecution e) {}

    /** The services the completeness form chose (JSON list of codes). */
    public List<String> servicesAConsulter(DelegateExecution e) {
      Object choix = e.getVariable("servicesAConsulter");
      String json = choix == null ? "[]" : choix.toString();
      return json.contains("ABF") ? List.of("ABF") : List.of();
    }

    public void consulter(DelegateExecution e) {
      java.util.Date dans30Jours =
          new java.util.Date(System.currentTimeMillis() + 30L * 24 * 3600 * 1000);
      e.setVariableLocal("consultationId", java.util.UUID.randomUUID().toString());
      e.setVariableLocal("libelleServiceConsulte", "Architecte des Bâtiments de France");
      e.setVariableLocal("groupeAvis", "service-abf");
      e.setVariableLocal("dateLimiteAvis", dans30Jours);
      e.setVariableLocal("finDelaiAvis", dans30Jours);
      e.setVariableLocal("dateLimiteAvisTexte", "28 décembre 2026");
      e.setVariableLocal("avis", null);
      e.setVariableLocal("avisTexte", null);
    }

    public void avis(DelegateTask t) {}

    public void avisTacite(DelegateExecution e) {}

    public void preparerProposition(DelegateTask t) {
      FicheDossier.completer(
          t,
          Map.of(
              "decisionsPossibles",
              OPTIONS,
              "clausesDisponibles",
              OPTIONS,
              "syntheseAvis",
              "Aucune consultation.",
              "liensPieces",
              LIENS,
              "natureDecisionTacite",
              "accord"));
    }

    public void proposition(DelegateTask t) {
      FicheDossier.completer(t, Map.of("decisionProposee", "Accord", "motifs", ""));
    }

    public void signature(DelegateTask t) {}

    public void decisionTacite(DelegateExecution e) {}
  }
}
