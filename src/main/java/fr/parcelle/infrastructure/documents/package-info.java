/** Documents the platform issues (AEE, récépissé), produced as PDF with PDFBox. */
package fr.parcelle.infrastructure.documents;
