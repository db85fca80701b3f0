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
          .withData(
              "jobExecutor",
              bootstrap.jobExecutorActif() ? (horloge ? "actif" : "arrêté") : "désactivé")
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("moteur-de-processus")
          .down()
          .withData("erreur", e.getClass().getSimpleName())
          .build();
    }
  }
}
