package fr.parcelle.infrastructure.workflow;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.transaction.TransactionManager;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.cdi.CdiExpressionManager;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the embedded Camunda engine at start-up on Payara's JTA transaction manager and the very
 * DataSource object JPA uses (a step's engine writes and dossier writes share one connection and
 * commit together, on request threads and job-executor threads alike), registers it so that the
 * webapps and the REST API find it, deploys the models of {@code bpmn/}, and closes it — job
 * executor included — on undeploy.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProcessEngineBootstrap {

  private static final Logger LOG = Logger.getLogger(ProcessEngineBootstrap.class.getName());
  static final String GROUPE_ADMINISTRATEURS = "camunda-admin";

  @PersistenceUnit(unitName = "parcelle")
  private EntityManagerFactory jpa;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "parcelle.engine.history-level", defaultValue = HistoriqueParcelle.NOM)
  String niveauHistorique;

  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.enabled", defaultValue = "true")
  boolean jobExecutorActif;

  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.core-pool-size", defaultValue = "3")
  int jobExecutorCoeur;

  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.max-pool-size", defaultValue = "6")
  int jobExecutorMax;

  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.queue-size", defaultValue = "12")
  int jobExecutorFile;

  /**
   * Jobs locked per acquisition, at most: Camunda's 3. Twelve (the queue's size) made the bench's
   * process starts 20 % faster, because the jobs then keep up with the starts, but cost the
   * deposits 10-20 % (17.0 and 19.5 against 22.0 and 21.2 dossiers/s): jobs that run sooner take
   * the CPU from the requests. Interactive work comes first, so the default stays
   * (docs/performance.md, fourteenth session).
   */
  @Inject
  @ConfigProperty(
      name = "parcelle.engine.job-executor.max-jobs-per-acquisition",
      defaultValue = "3")
  int jobExecutorParAcquisition;

  /**
   * How long a node owns the jobs it acquired. A node that dies holding jobs gives them up when
   * this runs out; another node then runs them (their transactions never committed). Camunda's
   * default, 5 minutes; the two-node test shortens it.
   */
  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.lock-time-ms", defaultValue = "300000")
  int jobExecutorVerrouMs;

  /** Longest idle wait between two acquisitions (Camunda's default, 60 s). */
  @Inject
  @ConfigProperty(name = "parcelle.engine.job-executor.max-wait-ms", defaultValue = "60000")
  long jobExecutorAttenteMaxMs;

  private ProcessEngine moteur;
  private ManagedJobExecutor jobExecutor;

  @PostConstruct
  void demarrer() {
    long debut = System.nanoTime();
    JakartaTransactionProcessEngineConfiguration configuration =
        new JakartaTransactionProcessEngineConfiguration();
    configuration.setProcessEngineName("default");
    configuration.setDataSource(sourceDeJpa());
    configuration.setDatabaseType("postgres");
    configuration.setTransactionManager(transactionManager());
    configuration.setTransactionsExternallyManaged(true);
    // The schema belongs to Flyway (V2__Moteur_camunda_7_24): the engine only checks its version.
    configuration.setDatabaseSchemaUpdate("false");
    // Camunda's audit without the history of the dossier's copies (HistoriqueParcelle), unless
    // configured otherwise (none, activity, audit, full).
    configuration.setCustomHistoryLevels(List.of(new HistoriqueParcelle()));
    configuration.setHistory(niveauHistorique);
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setExpressionManager(new CdiExpressionManager());
    configuration.setDefaultSerializationFormat("application/json");
    // Authorisation checks on, default rights, no inventory of groups per query (issue 8, e),
    // group ids with hyphens.
    fr.parcelle.infrastructure.identite.ControleDesAutorisations.installer(configuration);
    configuration.setJavaSerializationFormatEnabled(false);
    configuration.setMetricsEnabled(true);
    // Ids from UUIDs, not from blocks reserved in ACT_GE_PROPERTY: under JTA the block reservation
    // joined the caller's transaction, and concurrent deposits with the job executor then waited on
    // each other between that row lock and the generator's monitor (seen with 50 concurrent
    // deposits). UUIDs need no shared row, on one node or several (Camunda's advice for clusters).
    configuration.setIdGenerator(new org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator());

    AdministratorAuthorizationPlugin administrateurs = new AdministratorAuthorizationPlugin();
    administrateurs.setAdministratorGroupName(GROUPE_ADMINISTRATEURS);
    // FicheALaDemande: a form opened before its instance is converted converts it first.
    // PlansParRequete: the Tasklist's task queries are planned with their values.
    // ValeursInchangees: a JSON list sent back as the form read it is not rewritten.
    // EntitesSansMessage: no error message written for each row inserted.
    // AccesDirects: MyBatis calls the entities' getters and setters without reflection.
    configuration.setProcessEnginePlugins(
        List.<ProcessEnginePlugin>of(
            new SpinProcessEnginePlugin(),
            administrateurs,
            FicheALaDemande.plugin(),
            PlansParRequete.plugin(),
            ValeursInchangees.plugin(),
            EntitesSansMessage.plugin(),
            AccesDirects.plugin()));

    jobExecutor = new ManagedJobExecutor(threads);
    jobExecutor.setCorePoolSize(jobExecutorCoeur);
    jobExecutor.setMaxPoolSize(jobExecutorMax);
    jobExecutor.setQueueSize(jobExecutorFile);
    jobExecutor.setMaxJobsPerAcquisition(jobExecutorParAcquisition);
    jobExecutor.setLockOwner(proprietaireVerrous());
    jobExecutor.setLockTimeInMillis(jobExecutorVerrouMs);
    jobExecutor.setMaxWait(jobExecutorAttenteMaxMs);
    configuration.setJobExecutor(jobExecutor);
    configuration.setJobExecutorActivate(jobExecutorActif);
    configuration.setJobExecutorDeploymentAware(false);

    moteur = configuration.buildProcessEngine();
    RuntimeContainerDelegate.INSTANCE.get().registerProcessEngine(moteur);
    new ProcessModelDeployer(moteur.getRepositoryService()).deployer();
    convertirLesFiches();
    LOG.info(
        () ->
            "Moteur de processus démarré en "
                + (System.nanoTime() - debut) / 1_000_000
                + " ms (historique "
                + niveauHistorique
                + ", job executor "
                + (jobExecutorActif
                    ? "actif, propriétaire "
                        + jobExecutor.getLockOwner()
                        + ", verrous "
                        + jobExecutorVerrouMs
                        + " ms"
                    : "arrêté")
                + ")");
  }

  /**
   * Instances started before the dossier's fiche ({@link FicheDossier}) get theirs, in the
   * background, by batches, so that start-up does not wait for them; several nodes may do it at
   * once. Nothing to do on a database that never had them.
   */
  private void convertirLesFiches() {
    Thread conversion =
        threads.newThread(
            () -> {
              long debut = System.nanoTime();
              int total = 0;
              try {
                for (int n = FicheDossier.convertir(moteur, 200);
                    n > 0;
                    n = FicheDossier.convertir(moteur, 200)) {
                  total += n;
                }
              } catch (RuntimeException e) {
                LOG.log(
                    java.util.logging.Level.WARNING,
                    "Conversion des fiches de dossier interrompue après "
                        + total
                        + " instance(s) ; reprise au prochain démarrage",
                    e);
                return;
              }
              if (total > 0) {
                int n = total;
                LOG.info(
                    () ->
                        "Fiches de dossier : "
                            + n
                            + " instance(s) convertie(s) en "
                            + (System.nanoTime() - debut) / 1_000_000
                            + " ms");
              }
            });
    conversion.setName("parcelle-conversion-fiches");
    conversion.start();
  }

  @PreDestroy
  void arreter() {
    if (moteur != null) {
      RuntimeContainerDelegate.INSTANCE.get().unregisterProcessEngine(moteur);
      moteur.close();
      LOG.info("Moteur de processus arrêté (job executor compris).");
    }
  }

  public ProcessEngine moteur() {
    return moteur;
  }

  /** True when the job executor is meant to run and its acquisition thread is alive. */
  public boolean jobExecutorEnMarche() {
    return !jobExecutorActif || jobExecutor.estEnMarche();
  }

  public boolean jobExecutorActif() {
    return jobExecutorActif;
  }

  /**
   * The DataSource object JPA itself was given by the container. Payara hands JPA a "persistence
   * manager" view of {@code java:app/jdbc/parcelle}: its connections are enlisted in the thread's
   * JTA transaction whatever component runs. Connections of the plain JNDI view are enlisted in the
   * transaction recorded on the current component invocation; when the engine begins a transaction
   * itself ({@code TransactionManager.begin()}, as in job-executor threads or a Tasklist call),
   * that record stays empty and the engine's connection ran in autocommit beside JPA's: a timer's
   * engine writes could commit without the dossier's (found by the two-node crash test). Both
   * through this one view, the engine and JPA share one connection per transaction.
   */
  private DataSource sourceDeJpa() {
    try {
      Class<?> usine = Class.forName("org.eclipse.persistence.jpa.JpaEntityManagerFactory");
      Object eclipseLink = jpa.unwrap(usine);
      Object session = usine.getMethod("getServerSession").invoke(eclipseLink);
      Object login = session.getClass().getMethod("getLogin").invoke(session);
      Object connecteur = login.getClass().getMethod("getConnector").invoke(login);
      return (DataSource) connecteur.getClass().getMethod("getDataSource").invoke(connecteur);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Source de données de JPA introuvable", e);
    }
  }

  private static TransactionManager transactionManager() {
    try {
      return (TransactionManager) new InitialContext().lookup("java:appserver/TransactionManager");
    } catch (NamingException e) {
      throw new IllegalStateException("Gestionnaire de transactions JTA introuvable", e);
    }
  }

  /** One lock owner per node, readable in the job table: host and process id. */
  private static String proprietaireVerrous() {
    String hote;
    try {
      hote = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      hote = "inconnu";
    }
    return hote + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
