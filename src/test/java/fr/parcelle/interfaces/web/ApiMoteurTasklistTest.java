package fr.parcelle.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.dossier.DemandeRefuseeException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** What an agent reads in the Tasklist when a rule refuses the completion of a task. */
class ApiMoteurTasklistTest {

  @Test
  void la_regle_de_droit_seule_en_francais() {
    Exception e =
        new ProcessEngineException(
            "Cannot submit task form 42",
            new ProcessEngineException(
                "ENGINE-03051 There was an exception while invoking the TaskListener.",
                new ProcessEngineException(
                    new DemandeRefuseeException("Une seule demande de pièces (R423-41)."))));

    assertThat(ApiMoteurTasklist.motif(e)).isEqualTo("Une seule demande de pièces (R423-41).");
  }

  @Test
  void les_autres_erreurs_restent_celles_de_camunda() {
    assertThat(ApiMoteurTasklist.motif(new ProcessEngineException("No task"))).isNull();
  }

  @Test
  void l_application_ajoute_ses_deux_traductions_aux_ressources_de_camunda() {
    assertThat(new ApiMoteurTasklist().getClasses())
        .contains(
            ApiMoteurTasklist.EtapeRefuseeRest.class, ApiMoteurTasklist.EtapeRefuseeMoteur.class)
        .hasSizeGreaterThan(10);
  }
}
