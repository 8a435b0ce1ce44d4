// Property tests draw random inputs; with FC_SEED set (CI sets it) every run draws the same ones,
// so a landing is not decided by chance. Without it, each local run explores new inputs.
import fc from 'fast-check';

if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
