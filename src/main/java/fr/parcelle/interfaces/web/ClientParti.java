package fr.parcelle.interfaces.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web container's warning when an error page cannot reach a client who has left becomes one
 * line.
 *
 * <p>When a sender drops an upload half-way, the API answers it (a 400 logged as one line, see
 * {@code ProblemeMappers.EnvoiInterrompu}) and the error page says the answer was not delivered.
 * The container then flushes that page to the closed connection and logs a WARNING carrying
 * Grizzly's whole stack trace in its text ({@code StandardHostValve.dispatchToErrorPage},
 * "Connection is closed"): noise that looks like an incident to whoever watches the logs, for
 * something the client did.
 *
 * <p>This filter replaces exactly that record (an I/O exception while dispatching to an error page,
 * at WARNING) with one INFO line; every other record passes as it came, through the filter that was
 * there before, if any. It sits on the root logger's handlers, which print the server's log: the
 * container's logger is not the one {@code Logger.getLogger} returns to an application (a filter
 * put there never saw the record, checked by hand on Payara Micro 7), while every record reaches
 * those handlers. On undeployment each handler gets its filter back.
 */
@WebListener
public class ClientParti implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(ClientParti.class.getName());

  /** Each handler filtered here, with the filter it had before. */
  private final Map<Handler, Filter> precedents = new IdentityHashMap<>();

  @Override
  public void contextInitialized(ServletContextEvent evenement) {
    for (Handler h : Logger.getLogger("").getHandlers()) {
      precedents.put(h, h.getFilter());
      h.setFilter(filtre(h.getFilter()));
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent evenement) {
    // Undeployed: the server's handlers must not keep this application's class.
    precedents.forEach(Handler::setFilter);
    precedents.clear();
  }

  /** The filter: that one record becomes a line of ours, the rest goes to {@code precedent}. */
  static Filter filtre(Filter precedent) {
    return enregistrement -> {
      Optional<String> cause = pageDErreurNonRemise(enregistrement);
      if (cause.isPresent()) {
        LOG.info(() -> "Page d'erreur non remise, le client a fermé la connexion : " + cause.get());
        return false;
      }
      return precedent == null || precedent.isLoggable(enregistrement);
    };
  }

  /**
   * The I/O failure's message, when {@code enregistrement} is the container's warning for an error
   * page it could not flush. Payara logs it with the stack trace inside the text (seen on Payara
   * Micro 7: no {@code thrown}, a message of 9 KB whose second line is the exception); a record
   * carrying the exception as {@code thrown} is recognised too.
   */
  static Optional<String> pageDErreurNonRemise(LogRecord enregistrement) {
    if (enregistrement.getLevel().intValue() != Level.WARNING.intValue()) {
      return Optional.empty();
    }
    if (enregistrement.getThrown() instanceof IOException e) {
      for (StackTraceElement ligne : e.getStackTrace()) {
        if (ligne.getClassName().equals(VALVE) && ligne.getMethodName().equals(METHODE)) {
          return Optional.of(String.valueOf(e.getMessage()));
        }
      }
      return Optional.empty();
    }
    String texte = enregistrement.getMessage();
    if (enregistrement.getThrown() != null
        || texte == null
        || !texte.contains("Exception processing ErrorPage")
        || !texte.contains("\tat " + VALVE + "." + METHODE + "(")) {
      return Optional.empty();
    }
    Matcher m = EXCEPTION_D_ENTREE_SORTIE.matcher(texte);
    return m.find() ? Optional.of(m.group(2) == null ? m.group(1) : m.group(2)) : Optional.empty();
  }

  private static final String VALVE = "org.apache.catalina.core.StandardHostValve";
  private static final String METHODE = "dispatchToErrorPage";

  /** The line after the warning's first: an I/O exception, with its message if it has one. */
  private static final Pattern EXCEPTION_D_ENTREE_SORTIE =
      Pattern.compile(
          "\\A[^\\n]*\\n((?:java\\.io\\.\\w+|org\\.apache\\.catalina\\.connector\\.ClientAbortException))"
              + "(?:: ([^\\n]*))?\\n");
}
