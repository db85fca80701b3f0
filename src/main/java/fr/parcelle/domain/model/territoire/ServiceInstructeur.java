package fr.parcelle.domain.model.territoire;

/**
 * A service instructeur (often shared by the communes of an intercommunalité).
 *
 * @param groupeInstructeurs the group whose members instruct this service's files (task candidate
 *     group)
 * @param prefixeSequence the first character of the number sequence reserved to this service
 *     (A423-3), or null
 * @param adresse postal address, printed on receipts (how to reach the service)
 * @param telephone telephone, or empty
 * @param courriel e-mail address
 */
public record ServiceInstructeur(
    String code,
    String nom,
    String groupeInstructeurs,
    Character prefixeSequence,
    String adresse,
    String telephone,
    String courriel) {}
