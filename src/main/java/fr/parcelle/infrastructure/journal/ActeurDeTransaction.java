package fr.parcelle.infrastructure.journal;

import fr.parcelle.application.journal.AppelantCourant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Tells the database who acts in the current transaction, for the legal events its journal trigger
 * records at commit ({@code parcelle.acteur}, transaction-local). The repository's locking reads,
 * where every change of a dossier starts, set it in the statement that takes the lock, so no use
 * case can forget it.
 *
 * <p>Who acts: the API's authenticated caller; else the user the engine runs a command for (a
 * Tasklist completion); else "moteur" on the job executor (timers: tacit decisions…); else
 * "système". This class reads the engine's context (impl API) for the two middle cases.
 */
@ApplicationScoped
public class ActeurDeTransaction {

  public static final String MOTEUR = "moteur";
  public static final String SYSTEME = "système";

  private final Instance<AppelantCourant> appelant;

  @Inject
  public ActeurDeTransaction(Instance<AppelantCourant> appelant) {
    this.appelant = appelant;
  }

  /** CDI proxy constructor. */
  protected ActeurDeTransaction() {
    this(null);
  }

  /** The actor of the current thread's work. */
  public String acteur() {
    try {
      String login = appelant.get().login();
      if (login != null) {
        return login;
      }
    } catch (ContextNotActiveException e) {
      // not an HTTP request: the engine's job executor, a start-up task
    }
    CommandContext commande = Context.getCommandContext();
    if (commande != null && commande.getAuthenticatedUserId() != null) {
      return commande.getAuthenticatedUserId();
    }
    if (Context.getJobExecutorContext() != null) {
      return MOTEUR;
    }
    return SYSTEME;
  }
}
