package fr.parcelle.interfaces.web;

import fr.parcelle.domain.model.dossier.DemandeRefuseeException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;

/**
 * The engine REST API of the webapps (Tasklist, Cockpit), with one addition: when a task's
 * completion is refused by a rule of law or a missing input (a late request for pièces, an accord
 * against the ABF's binding avis, a refusal without reasons…), the agent reads that French sentence
 * alone, not Camunda's English wrapper and a Java class name.
 */
public class ApiMoteurTasklist extends EngineRestApplication {

  @Override
  public Set<Class<?>> getClasses() {
    Set<Class<?>> classes = new HashSet<>(super.getClasses());
    classes.add(EtapeRefuseeRest.class);
    classes.add(EtapeRefuseeMoteur.class);
    return classes;
  }

  /** The French message of the refusal, if the failure is one. */
  static String motif(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DemandeRefuseeException
          || t instanceof IllegalArgumentException
          || t instanceof fr.parcelle.domain.port.SignatureImpossibleException) {
        return t.getMessage();
      }
    }
    return null;
  }

  static Response reponse(String motif) {
    Map<String, String> corps = new LinkedHashMap<>();
    corps.put("type", "EtapeRefusee");
    corps.put("message", motif);
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(corps)
        .build();
  }

  /** Completion and form submission wrap the failure in a RestException. */
  @Provider
  @Priority(1)
  public static class EtapeRefuseeRest implements ExceptionMapper<RestException> {
    private final org.camunda.bpm.engine.rest.exception.RestExceptionHandler camunda =
        new org.camunda.bpm.engine.rest.exception.RestExceptionHandler();

    @Override
    public Response toResponse(RestException e) {
      String motif = motif(e);
      return motif == null ? camunda.toResponse(e) : reponse(motif);
    }
  }

  /** Other calls let the engine's exception through. */
  @Provider
  @Priority(1)
  public static class EtapeRefuseeMoteur implements ExceptionMapper<ProcessEngineException> {
    private final org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler camunda =
        new org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException e) {
      String motif = motif(e);
      return motif == null ? camunda.toResponse(e) : reponse(motif);
    }
  }
}
