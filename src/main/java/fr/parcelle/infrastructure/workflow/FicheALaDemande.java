package fr.parcelle.infrastructure.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * While the start-up thread converts the instances started before the fiche ({@link
 * FicheDossier#convertir}), a form opened in the Tasklist converts its own instance first: the
 * instructor sees the dossier, not empty fields, during the upgrade.
 *
 * <p>The Tasklist reads a task's form through {@code GET task/{id}/form-variables}, that is the
 * engine's {@link GetTaskFormVariablesCmd}; this interceptor sits before it in the engine's chain
 * (a custom pre-command interceptor). The conversion runs in a transaction of its own, so that the
 * form is read after it has committed; when the start-up thread or another node converts the same
 * instance at that moment, the loser's {@link OptimisticLockingException} is ignored and the form
 * reads the winner's fiche. It stays on after the start-up conversion: during a rolling upgrade a
 * node still on the old code may start instances of the old layout. Its cost on a converted
 * instance is one short read-only transaction per form opened (three selects: the task, its
 * instance and the instance's variables, read again by the form's own command); on any other
 * command, one {@code instanceof}. Installed by {@link #plugin()} on every engine that runs the
 * instruction process (Payara's, the tests', the benches').
 */
public final class FicheALaDemande extends CommandInterceptor {

  private static final Logger LOG = Logger.getLogger(FicheALaDemande.class.getName());

  private final ProcessEngineConfigurationImpl configuration;

  private FicheALaDemande(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  /** The plugin that installs this interceptor ahead of the engine's own (a pre-command one). */
  public static ProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl c) {
        List<CommandInterceptor> avant = new ArrayList<>();
        if (c.getCustomPreCommandInterceptorsTxRequired() != null) {
          avant.addAll(c.getCustomPreCommandInterceptorsTxRequired());
        }
        avant.add(new FicheALaDemande(c));
        c.setCustomPreCommandInterceptorsTxRequired(avant);
      }
    };
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof GetTaskFormVariablesCmd formulaire && formulaire.resourceId != null) {
      convertirLInstanceDe(formulaire.resourceId);
    }
    return next.execute(command);
  }

  private void convertirLInstanceDe(String tache) {
    try {
      // Built with the engine, after this interceptor: read when a form is opened.
      configuration
          .getCommandExecutorTxRequiresNew()
          .execute(
              contexte -> {
                TaskEntity t = contexte.getTaskManager().findTaskById(tache);
                return t != null
                    && t.getProcessInstanceId() != null
                    && FicheDossier.convertirUne(contexte, t.getProcessInstanceId());
              });
    } catch (OptimisticLockingException e) {
      LOG.fine(() -> "Fiche de l'instance de la tâche " + tache + " convertie en même temps");
    } catch (RuntimeException e) {
      // The form is still read: with empty dossier fields, as before this interceptor, and the
      // start-up thread converts the instance later.
      LOG.log(Level.WARNING, "Conversion à la demande de la fiche de la tâche " + tache, e);
    }
  }
}
