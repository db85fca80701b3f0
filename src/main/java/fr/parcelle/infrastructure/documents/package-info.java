/**
 * Documents the platform issues (AEE, récépissé, arrêtés), produced as PDF/A-2b with PDFBox and
 * embedded fonts.
 */
package fr.parcelle.infrastructure.documents;
