package fr.parcelle.domain.model.referentiel;

import fr.parcelle.domain.model.dossier.TypeDossier;
import java.time.LocalDate;

/**
 * What the law sets for a kind of dossier: its cerfa and its délai de droit commun, with the
 * article.
 */
public record CaracteristiquesType(
    TypeDossier type,
    String libelle,
    String cerfa,
    int delaiMois,
    String articleDelai,
    LocalDate valideDepuis) {}
