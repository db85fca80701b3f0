/**
 * The maire's electronic signature: PAdES signatures of PDFs with PDFBox and BouncyCastle ({@link
 * fr.parcelle.infrastructure.signature.SignatairePades}), their verification ({@link
 * fr.parcelle.infrastructure.signature.VerificateurSignatures}) and the demo PKI ({@link
 * fr.parcelle.infrastructure.signature.PkiDemo}).
 */
package fr.parcelle.infrastructure.signature;
