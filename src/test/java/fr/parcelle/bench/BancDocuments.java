package fr.parcelle.bench;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.infrastructure.documents.DocumentsPdfATest;
import fr.parcelle.infrastructure.documents.GenerateurPdf;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;

/**
 * The deposit's two documents alone (AEE + récépissé, PDF/A-2b), in one thread, measured in CPU
 * time: on this shared 2-core machine the HTTP benchmark's wall-clock figures move with the other
 * engineers' builds, a thread's CPU time much less. Run: {@code mvn -q test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=fr.parcelle.bench.BancDocuments
 * -Dexec.classpathScope=test} ({@code -Dbanc.documents=500}).
 */
public final class BancDocuments {

  private BancDocuments() {}

  public static void main(String[] args) {
    int n = Integer.getInteger("banc.documents", 500);
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    Commune commune = territoire.commune("35352").orElseThrow();
    ServiceInstructeur service = territoire.service(commune.codeService()).orElseThrow();
    LocalDate depot = LocalDate.of(2027, 1, 12);
    CaracteristiquesType caracteristiques = referentiel.caracteristiques(TypeDossier.PCMI, depot);
    Dossier dossier = DocumentsPdfATest.deposePcmi(depot, caracteristiques);
    GenerateurPdf generateur = new GenerateurPdf();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    long octets = 0;
    for (int i = 0; i < Math.max(100, n / 2); i++) {
      octets += generateur.accuseEnregistrement(dossier, commune, service).length;
      octets += generateur.recepisse(dossier, commune, service, caracteristiques).length;
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      octets += generateur.accuseEnregistrement(dossier, commune, service).length;
      octets += generateur.recepisse(dossier, commune, service, caracteristiques).length;
    }
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
    double mur = (System.nanoTime() - t0) / 1e6 / n;
    System.out.printf(
        "AEE + récépissé (PDF/A-2b) : %.2f ms CPU, %.2f ms écoulées par dépôt (%d dépôts, %d o)%n",
        cpu, mur, n, octets);
  }
}
