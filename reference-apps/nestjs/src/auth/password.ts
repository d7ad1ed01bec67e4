/** bcrypt cost factor of the NestJS security docs' recipe (contract §6): 2^10 rounds. */
export const BCRYPT_COST = 10;
