const names = (list: string) => list.split(', ');

/** Names by language, romanised so they also make plausible email addresses. */
export const namesByLanguage = {
  en: {
    first: names(
      'Olivia, Liam, Emma, Noah, Ava, Oliver, Sophia, Elijah, Isabella, James, Mia, Lucas, Charlotte, Mason, Amelia, Ethan, Harper, Logan, Evelyn, Jack, Grace, Henry, Chloe, Owen, Ruby, Leo, Zoe, Isaac, Freya, Caleb',
    ),
    last: names(
      'Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, Thomas, Moore, Martin, Clark, Walker, Hall, Young, King, Wright, Hughes, Evans, Bennett, Murphy, Kelly, Foster, Reid, Price, Turner, Collins, Shaw',
    ),
  },
  de: {
    first: names(
      'Lena, Jonas, Mia, Leon, Hannah, Felix, Emilia, Paul, Lea, Maximilian, Sophie, Lukas, Marie, Finn, Johanna, Elias, Clara, Moritz, Greta, Jan',
    ),
    last: names(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Richter, Klein, Wolf, Schröder, Neumann, Braun, Zimmermann, Krüger, Hartmann',
    ),
  },
  fr: {
    first: names(
      'Camille, Louis, Léa, Gabriel, Chloé, Hugo, Manon, Arthur, Inès, Jules, Zoé, Raphaël, Lucie, Théo, Juliette, Nathan, Élise, Mathis, Amélie, Antoine',
    ),
    last: names(
      'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefèvre, Michel, Garcia, Roux, Fontaine, Chevalier, Gauthier, Tremblay',
    ),
  },
  es: {
    first: names(
      'Lucía, Hugo, Sofía, Mateo, Martina, Pablo, Valentina, Diego, Paula, Alejandro, Carmen, Javier, Elena, Daniel, Sara, Adrián, Ximena, Santiago, Camila, Emiliano',
    ),
    last: names(
      'García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Álvarez, Romero, Navarro, Torres, Ramírez',
    ),
  },
  it: {
    first: names(
      'Giulia, Leonardo, Sofia, Francesco, Aurora, Alessandro, Alice, Lorenzo, Ginevra, Mattia, Beatrice, Andrea, Chiara, Gabriele, Martina',
    ),
    last: names(
      'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Costa',
    ),
  },
  nl: {
    first: names(
      'Emma, Daan, Julia, Sem, Tess, Lucas, Sophie, Levi, Fenna, Bram, Anna, Thijs, Sara, Jesse, Noor',
    ),
    last: names(
      'de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos',
    ),
  },
  pt: {
    first: names(
      'Beatriz, João, Mariana, Miguel, Ana, Pedro, Inês, Tiago, Laura, Rafael, Gabriela, Lucas, Larissa, Gustavo, Carolina',
    ),
    last: names(
      'Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Almeida, Carvalho, Gomes, Ribeiro, Lima, Araújo',
    ),
  },
  fi: {
    first: names('Aino, Eino, Helmi, Väinö, Aada, Onni, Ellen, Leo, Sofia, Elias'),
    last: names(
      'Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, Koskinen, Järvinen',
    ),
  },
  ja: {
    first: names('Haruto, Yui, Sota, Hina, Ren, Aoi, Yuto, Sakura, Riku, Mei'),
    last: names('Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato'),
  },
  hi: {
    first: names('Aarav, Ananya, Vivaan, Diya, Aditya, Isha, Arjun, Saanvi, Rohan, Priya'),
    last: names('Sharma, Patel, Singh, Kumar, Gupta, Reddy, Iyer, Nair, Mehta, Joshi'),
  },
} satisfies Record<string, { first: string[]; last: string[] }>;

export type NameLanguage = keyof typeof namesByLanguage;

/** Where a customer lives: their locale, time zone and city agree with the country. */
export interface DemoRegion {
  country: string;
  locale: string;
  timeZone: string;
  city: string;
  names: NameLanguage;
}

interface DemoCountry {
  weight: number;
  currency: 'USD' | 'EUR' | 'GBP';
  regions: DemoRegion[];
}

function country(
  code: string,
  weight: number,
  currency: DemoCountry['currency'],
  names: NameLanguage,
  locale: string,
  places: readonly (readonly [timeZone: string, city: string, locale?: string, names?: NameLanguage])[],
): DemoCountry {
  return {
    weight,
    currency,
    regions: places.map(([timeZone, city, regionLocale, regionNames]) => ({
      country: code,
      locale: regionLocale ?? locale,
      timeZone,
      city,
      names: regionNames ?? names,
    })),
  };
}

/** Countries the demo's customers come from, weighted roughly like a small English-first business. */
export const demoCountries: DemoCountry[] = [
  country('US', 34, 'USD', 'en', 'en-US', [
    ['America/New_York', 'New York'],
    ['America/New_York', 'Boston'],
    ['America/Chicago', 'Chicago'],
    ['America/Chicago', 'Austin'],
    ['America/Denver', 'Denver'],
    ['America/Phoenix', 'Phoenix'],
    ['America/Los_Angeles', 'Seattle'],
    ['America/Los_Angeles', 'San Diego'],
    ['America/Los_Angeles', 'Los Angeles', 'es-US', 'es'],
  ]),
  country('GB', 12, 'GBP', 'en', 'en-GB', [
    ['Europe/London', 'London'],
    ['Europe/London', 'Manchester'],
    ['Europe/London', 'Edinburgh'],
    ['Europe/London', 'Bristol'],
  ]),
  country('DE', 10, 'EUR', 'de', 'de-DE', [
    ['Europe/Berlin', 'Berlin'],
    ['Europe/Berlin', 'Hamburg'],
    ['Europe/Berlin', 'München'],
    ['Europe/Berlin', 'Köln'],
  ]),
  country('CA', 6, 'USD', 'en', 'en-CA', [
    ['America/Toronto', 'Toronto'],
    ['America/Toronto', 'Montréal', 'fr-CA', 'fr'],
    ['America/Vancouver', 'Vancouver'],
    ['America/Edmonton', 'Calgary'],
  ]),
  country('FR', 6, 'EUR', 'fr', 'fr-FR', [
    ['Europe/Paris', 'Paris'],
    ['Europe/Paris', 'Lyon'],
    ['Europe/Paris', 'Nantes'],
  ]),
  country('NL', 4, 'EUR', 'nl', 'nl-NL', [
    ['Europe/Amsterdam', 'Amsterdam'],
    ['Europe/Amsterdam', 'Utrecht'],
  ]),
  country('ES', 4, 'EUR', 'es', 'es-ES', [
    ['Europe/Madrid', 'Madrid'],
    ['Europe/Madrid', 'Valencia'],
    ['Atlantic/Canary', 'Las Palmas'],
  ]),
  country('IT', 3, 'EUR', 'it', 'it-IT', [
    ['Europe/Rome', 'Milano'],
    ['Europe/Rome', 'Bologna'],
  ]),
  country('AU', 4, 'USD', 'en', 'en-AU', [
    ['Australia/Sydney', 'Sydney'],
    ['Australia/Melbourne', 'Melbourne'],
    ['Australia/Perth', 'Perth'],
  ]),
  country('IE', 2, 'EUR', 'en', 'en-IE', [['Europe/Dublin', 'Dublin']]),
  country('AT', 2, 'EUR', 'de', 'de-AT', [['Europe/Vienna', 'Wien']]),
  country('FI', 1, 'EUR', 'fi', 'fi-FI', [['Europe/Helsinki', 'Helsinki']]),
  country('PT', 1, 'EUR', 'pt', 'pt-PT', [['Europe/Lisbon', 'Lisboa']]),
  country('BR', 3, 'USD', 'pt', 'pt-BR', [
    ['America/Sao_Paulo', 'São Paulo'],
    ['America/Sao_Paulo', 'Rio de Janeiro'],
  ]),
  country('MX', 2, 'USD', 'es', 'es-MX', [['America/Mexico_City', 'Ciudad de México']]),
  country('JP', 2, 'USD', 'ja', 'ja-JP', [['Asia/Tokyo', 'Tokyo']]),
  country('IN', 3, 'USD', 'hi', 'en-IN', [
    ['Asia/Kolkata', 'Bengaluru'],
    ['Asia/Kolkata', 'Pune'],
  ]),
];

/** Email domains reserved for examples (RFC 2606): never a real mailbox. */
export const exampleDomains = ['example.com', 'example.org', 'example.net'] as const;

/** Tags an operator might put on customers, with how often. */
export const demoTags: readonly (readonly [string, number])[] = [
  ['early-adopter', 3],
  ['referred', 4],
  ['streamer', 2],
  ['student', 2],
  ['friends-and-family', 1],
  ['agency', 1],
  ['beta-tester', 2],
];
