import { InvalidArgumentError } from 'commander';

/** A parser for a whole-number option within bounds; anything else is a usage error (exit code 2). */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return number;
  };
}
