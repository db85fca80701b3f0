package fr.parcelle.infrastructure.sante;

import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the engine answers a query and, unless disabled, its job executor (the legal
 * clock) runs.
 */
@Readiness
@ApplicationScoped
public class MoteurSante implements HealthCheck {

  @Inject ProcessEngineBootstrap bootstrap;

  @Override
  public HealthCheckResponse call() {
    try {
      ProcessEngine moteur = bootstrap.moteur();
      long definitions = moteur.getRepositoryService().createProcessDefinitionQuery().count();
      boolean horloge = bootstrap.jobExecutorEnMarche();
      return HealthCheckResponse.named("moteur-de-processus")
          .status(definitions > 0 && horloge)
          .withData("moteur", moteur.getName())
          .withData("definitions", definitions)
          .withData("jobExecutor", etatHorloge(bootstrap.jobExecutorActif(), horloge))
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("moteur-de-processus")
          .down()
          .withData("erreur", e.getClass().getSimpleName())
          .build();
    }
  }

  /**
   * The job executor's state as {@code /health/ready} shows it, in ASCII: Payara writes that JSON
   * in ISO-8859-1 under {@code Content-Type: application/json} with no charset, so an accent (the
   * former "arrêté", "désactivé") reached monitoring tools as a byte that is not UTF-8, which JSON
   * requires.
   *
   * @param actif whether the configuration runs a job executor on this node
   * @param enMarche whether it runs
   */
  static String etatHorloge(boolean actif, boolean enMarche) {
    if (!actif) {
      return "desactive-par-configuration";
    }
    return enMarche ? "actif" : "arrete";
  }
}
