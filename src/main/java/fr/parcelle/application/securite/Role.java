package fr.parcelle.application.securite;

/** Functions people hold on the platform (A423-5: access rights by function and by file). */
public enum Role {
  /** Runs the platform (Camunda group {@code camunda-admin}). */
  ADMINISTRATEUR,
  /** Agent of a service instructeur: instructs the files of that service's communes. */
  INSTRUCTEUR,
  /** Maire or delegate: competent authority for the decisions of a commune. */
  MAIRE,
  /** Agent of a consulted service (ABF…): gives its avis on the dossiers it is consulted on. */
  SERVICE_CONSULTE,
  /** Applicant or architect: files and follows their own dossiers. */
  DEMANDEUR
}
