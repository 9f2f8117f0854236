import type { Flow, MenuNode, MenuOption, Target, Text } from './flow.types.js';

/**
 * The hotline's IVR of domain.md as data. Emergencies first; at most 5 options a level;
 * 0 = agent and 9 = repeat everywhere; no dead ends.
 */
const opt = (key: MenuOption['key'], es: string[], en: string[], then: Target): MenuOption => ({ key, speech: { es, en }, then });
const t = (es: string, en: string): Text => ({ es, en });

const info = (id: string, text: Text, agent: MenuNode['agent']): MenuNode => ({
  id,
  kind: 'info',
  prompt: text,
  options: [opt('1', ['menu principal', 'menu', 'inicio'], ['main menu', 'menu', 'start'], { go: 'main' })],
  agent,
});

const general = { category: 'SIN_CLASIFICAR', priority: 3, reason: 'Pidió un agente en el menú principal' } as const;
const protection = { category: 'SIN_CLASIFICAR', priority: 2, reason: 'Pidió un agente en el menú de emergencias' } as const;
const documents = { category: 'DOCUMENTOS', priority: 3, reason: 'Pidió un agente en el menú de documentos' } as const;
const legal = { category: 'TPS_LEGAL', priority: 3, reason: 'Pidió un agente en el menú legal' } as const;
const returnees = { category: 'REINTEGRACION', priority: 3, reason: 'Pidió un agente en el menú de retornados' } as const;
const followUp = { category: 'SIN_CLASIFICAR', priority: 3, reason: 'Pidió un agente en el menú de seguimiento' } as const;

const nodes: MenuNode[] = [
  {
    id: 'main',
    intro: t(
      'Bienvenido a ALHO Voz, Atención en Línea al Hondureño, de la Secretaría de Relaciones Exteriores. Si usted o alguien está en peligro inmediato, cuelgue y llame al 911 del país donde se encuentra. Esta llamada puede ser grabada para dar seguimiento a su caso.',
      'Welcome to ALHO Voz, the Honduran Ministry of Foreign Affairs hotline for Hondurans abroad and at home. If you or someone else is in immediate danger, hang up and call 911 in the country where you are. This call may be recorded to follow up on your case.',
    ),
    prompt: t(
      'Para emergencias y protección, marque 1 o diga emergencia. Para citas y documentos consulares, marque 2. Para situación migratoria y orientación legal, marque 3. Para personas retornadas y sus familias, marque 4. Para el seguimiento de un caso, quejas y sugerencias, marque 5. Para hablar con un agente, marque 0. Para repetir, marque 9. For English, press 7.',
      'For emergencies and protection, press 1 or say emergency. For appointments and documents, press 2. For immigration status and legal guidance, press 3. For returnees and their families, press 4. For case follow-up and complaints, press 5. To speak to an agent, press 0. To repeat, press 9. Para español, marque 7.',
    ),
    options: [
      opt('1', ['emergencia', 'proteccion', 'peligro', 'detenido', 'detenida', 'desaparecido'], ['emergency', 'protection', 'danger', 'detained', 'missing'], { go: 'm1_location' }),
      opt('2', ['cita', 'documento', 'pasaporte', 'partida', 'identidad'], ['appointment', 'document', 'passport'], { go: 'm2' }),
      opt('3', ['migratoria', 'legal', 'abogado', 'tps', 'asilo'], ['immigration', 'legal', 'lawyer', 'tps', 'asylum'], { go: 'm3' }),
      opt('4', ['retornado', 'retornados', 'deportado', 'regreso'], ['returnee', 'returned', 'deported'], { go: 'm4' }),
      opt('5', ['seguimiento', 'caso', 'queja', 'sugerencia'], ['follow up', 'case', 'complaint', 'suggestion'], { go: 'm5' }),
      opt('7', ['ingles', 'english'], ['english', 'ingles'], { language: 'en', go: 'main' }),
    ],
    agent: general,
  },
  {
    id: 'm1_location',
    prompt: t(
      '¿Dónde se encuentra la persona afectada? En Estados Unidos, marque 1. En México, marque 2. En Guatemala u otro país de la ruta, marque 3. En Honduras, marque 4. En otro país, marque 5.',
      'Where is the person affected? In the United States, press 1. In Mexico, press 2. In Guatemala or another country on the route, press 3. In Honduras, press 4. In another country, press 5.',
    ),
    options: [
      opt('1', ['estados unidos', 'usa', 'eeuu'], ['united states', 'usa', 'america'], { location: 'US', go: 'm1' }),
      opt('2', ['mexico'], ['mexico'], { location: 'MX', go: 'm1' }),
      opt('3', ['guatemala', 'ruta', 'el salvador', 'nicaragua'], ['guatemala', 'route'], { location: 'ROUTE', go: 'm1' }),
      opt('4', ['honduras'], ['honduras'], { location: 'HN', go: 'm1' }),
      opt('5', ['otro pais', 'otro', 'espana'], ['another country', 'other', 'spain'], { location: 'OTHER', go: 'm1' }),
    ],
    agent: protection,
  },
  {
    id: 'm1',
    prompt: t(
      'Si una vida está en riesgo ahora, por secuestro, extorsión, amenaza, o alguien perdido en el desierto o el río, marque 1. Si alguien está detenido por migración o la policía, o a punto de ser deportado, marque 2. Si alguien está desaparecido o sin contacto, marque 3. Por una muerte en el extranjero o repatriación de restos, marque 4. Por una persona hospitalizada, un accidente, o un niño o niña sin acompañante, marque 5.',
      'If a life is at risk now, through kidnapping, extortion, threats, or someone lost in the desert or river, press 1. If someone is detained by immigration or police, or about to be deported, press 2. If someone is missing or out of contact, press 3. For a death abroad or repatriation of remains, press 4. For someone in hospital, an accident, or an unaccompanied child, press 5.',
    ),
    options: [
      opt('1', ['riesgo', 'secuestro', 'extorsion', 'amenaza', 'perdido', 'peligro'], ['risk', 'kidnap', 'extortion', 'threat', 'lost', 'danger'], {
        agent: { category: 'RIESGO_VIDA', priority: 1, reason: 'Vida en riesgo (menú 1, opción 1)' },
      }),
      opt('2', ['detenido', 'detenida', 'detencion', 'deportado', 'preso', 'carcel'], ['detained', 'detention', 'arrested', 'deported', 'jail'], {
        agent: { category: 'DETENCION', priority: 2, reason: 'Detención (menú 1, opción 2)', askVulnerability: true },
      }),
      opt('3', ['desaparecido', 'desaparecida', 'sin contacto'], ['missing', 'no contact', 'disappeared'], {
        agent: { category: 'DESAPARECIDO', priority: 2, reason: 'Desaparecido: el agente confirma si el último contacto fue hace menos de 72 h', askVulnerability: true },
      }),
      opt('4', ['muerte', 'fallecido', 'fallecida', 'restos', 'repatriacion'], ['death', 'died', 'remains', 'repatriation'], {
        agent: { category: 'FALLECIMIENTO', priority: 2, reason: 'Fallecimiento (menú 1, opción 4)', askVulnerability: true },
      }),
      opt('5', ['hospital', 'accidente', 'nino', 'nina', 'menor'], ['hospital', 'accident', 'child', 'minor'], { go: 'm1_5' }),
    ],
    agent: protection,
  },
  {
    id: 'm1_5',
    prompt: t(
      'Si la persona está hospitalizada o tuvo un accidente, marque 1. Si es un niño, niña o adolescente sin acompañante, marque 2.',
      'If the person is in hospital or had an accident, press 1. If it is an unaccompanied child or teenager, press 2.',
    ),
    options: [
      opt('1', ['hospital', 'hospitalizado', 'accidente'], ['hospital', 'accident'], {
        agent: { category: 'HOSPITALIZADO', priority: 2, reason: 'Hospitalizado o accidente (menú 1, opción 5)', askVulnerability: true },
      }),
      opt('2', ['nino', 'nina', 'menor', 'adolescente', 'solo'], ['child', 'minor', 'teenager', 'alone'], {
        agent: { category: 'NNA_SOLO', priority: 1, reason: 'Niño, niña o adolescente no acompañado' },
      }),
    ],
    agent: protection,
  },
  {
    id: 'm2',
    prompt: t(
      'Para pedir o cambiar una cita, marque 1. Para requisitos de pasaporte y documentos de viaje, marque 2. Para registro civil y tarjeta de identidad, marque 3. Para la dirección y horario de su consulado y los consulados móviles, marque 4. Para denunciar la venta de citas o intermediarios, marque 5.',
      'To book or change an appointment, press 1. For passport and travel document requirements, press 2. For civil registry and ID cards, press 3. For the address and hours of your consulate and mobile consulates, press 4. To report appointment selling or middlemen, press 5.',
    ),
    options: [
      opt('1', ['cita', 'citas'], ['appointment'], { go: 'i_appointments' }),
      opt('2', ['pasaporte', 'requisitos', 'viaje'], ['passport', 'requirements', 'travel'], { go: 'i_passport' }),
      opt('3', ['registro', 'partida', 'identidad', 'dni'], ['registry', 'birth', 'identity', 'id card'], { go: 'i_registry' }),
      opt('4', ['direccion', 'horario', 'consulado', 'movil'], ['address', 'hours', 'consulate', 'mobile'], { go: 'consulate_place' }),
      opt('5', ['venta', 'fraude', 'intermediario', 'coyote', 'denuncia'], ['selling', 'fraud', 'middleman', 'report'], {
        agent: { category: 'FRAUDE', priority: 3, reason: 'Denuncia de venta de citas o intermediarios' },
      }),
    ],
    agent: documents,
  },
  {
    id: 'm3',
    prompt: t(
      'Para información sobre TPS, marque 1. Para sus derechos durante redadas o arrestos, marque 2. Para ayuda legal gratuita o de bajo costo, marque 3. Para asilo o regularización en México y la ruta, marque 4. Para conocer los riesgos de la migración irregular y la trata de personas, marque 5.',
      'For TPS information, press 1. For your rights during raids or arrests, press 2. For free or low-cost legal help, press 3. For asylum or regularisation in Mexico and on the route, press 4. For the risks of irregular migration and trafficking, press 5.',
    ),
    options: [
      opt('1', ['tps', 'proteccion temporal'], ['tps', 'temporary protected'], { go: 'i_tps' }),
      opt('2', ['derechos', 'redada', 'arresto'], ['rights', 'raid', 'arrest'], { go: 'i_rights' }),
      opt('3', ['ayuda legal', 'abogado', 'gratuita'], ['legal help', 'lawyer', 'free'], { go: 'i_legal_help' }),
      opt('4', ['asilo', 'refugio', 'regularizacion'], ['asylum', 'refuge', 'regularisation'], { go: 'i_asylum' }),
      opt('5', ['riesgos', 'trata', 'irregular'], ['risks', 'trafficking', 'irregular'], { go: 'i_risks' }),
    ],
    agent: legal,
  },
  {
    id: 'm4',
    prompt: t(
      'Si no puede regresar a su casa por amenazas o violencia, marque 1. Si un familiar está por llegar, vuelos y centros de atención al migrante retornado, marque 2. Para apoyo de reintegración y la unidad municipal de su municipio, marque 3. Para niñas, niños y familias retornadas, marque 4.',
      'If you cannot go home because of threats or violence, press 1. If a relative is arriving, flights and returnee reception centres, press 2. For reintegration support and the returnee unit of your municipality, press 3. For returned children and families, press 4.',
    ),
    options: [
      opt('1', ['amenaza', 'violencia', 'no puedo regresar'], ['threat', 'violence', 'cannot go home'], {
        agent: { category: 'DESPLAZ_VIOLENCIA', priority: 1, reason: 'Retornado que no puede volver a casa por violencia' },
      }),
      opt('2', ['familiar', 'llegada', 'vuelo', 'camr'], ['relative', 'arriving', 'flight'], { go: 'i_arrivals' }),
      opt('3', ['reintegracion', 'umar', 'trabajo', 'bono'], ['reintegration', 'work', 'support'], { go: 'i_reintegration' }),
      opt('4', ['ninos', 'familias', 'familia'], ['children', 'families', 'family'], {
        agent: { category: 'REINTEGRACION', priority: 2, reason: 'Niñas, niños y familias retornadas' },
      }),
    ],
    agent: returnees,
  },
  {
    id: 'm5',
    prompt: t(
      'Para conocer el estado de su caso, marque 1. Para presentar una queja sobre un consulado, marque 2. Para dejar una sugerencia, marque 3.',
      'To hear the status of your case, press 1. To complain about a consulate, press 2. To leave a suggestion, press 3.',
    ),
    options: [
      opt('1', ['estado', 'caso', 'numero de caso'], ['status', 'case', 'case number'], { go: 'case_number' }),
      opt('2', ['queja', 'reclamo'], ['complaint', 'complain'], {
        agent: { category: 'QUEJA', priority: 4, reason: 'Queja sobre un consulado' },
      }),
      opt('3', ['sugerencia'], ['suggestion'], {
        agent: { category: 'QUEJA', priority: 4, reason: 'Sugerencia' },
      }),
    ],
    agent: followUp,
  },
  {
    id: 'case_number',
    kind: 'caseNumber',
    prompt: t(
      'Marque el número de su caso, sin las letras, seguido de la tecla numeral. Por ejemplo, para el caso A V 2026 guion 000123, marque 1 2 3 y numeral. Para hablar con un agente, marque 0 y numeral.',
      'Key your case number, without the letters, followed by the pound key. For example, for case A V 2026 dash 000123, key 1 2 3 and pound. To speak to an agent, press 0 and pound.',
    ),
    options: [],
    agent: { category: 'SIN_CLASIFICAR', priority: 3, reason: 'Consulta del estado de un caso' },
  },
  {
    id: 'case_result',
    prompt: t(
      'Para consultar otro caso, marque 1. Para volver al menú principal, marque 2. Para hablar con un agente, marque 0.',
      'To check another case, press 1. To return to the main menu, press 2. To speak to an agent, press 0.',
    ),
    options: [
      opt('1', ['otro caso', 'otro'], ['another case', 'another'], { go: 'case_number' }),
      opt('2', ['menu principal', 'menu'], ['main menu', 'menu'], { go: 'main' }),
    ],
    agent: { category: 'SIN_CLASIFICAR', priority: 3, reason: 'Después de consultar el estado de un caso' },
  },
  {
    id: 'consulate_place',
    kind: 'officeLookup',
    prompt: t(
      'Diga la ciudad o el estado donde vive, por ejemplo: Houston, o Nueva York, o Chiapas. Para hablar con un agente, marque 0.',
      'Say the city or state where you live, for example: Houston, or New York, or Chiapas. To speak to an agent, press 0.',
    ),
    options: [],
    agent: documents,
  },
  {
    id: 'consulate_result',
    kind: 'info',
    prompt: t(
      '{office} Los consulados móviles se anuncian en las redes sociales de cada consulado. Para confirmar el horario de atención, hable con un agente.',
      '{office} Mobile consulates are announced on each consulate\'s social media. To confirm opening hours, speak to an agent.',
    ),
    options: [opt('1', ['menu principal', 'menu', 'inicio'], ['main menu', 'menu', 'start'], { go: 'main' })],
    agent: documents,
  },
  {
    id: 'vulnerability',
    prompt: t(
      'Una pregunta más: si la persona afectada es menor de edad, está embarazada, tiene 60 años o más, tiene una discapacidad o una enfermedad crónica, o habla miskito, garífuna u otra lengua indígena, marque 1. Si no, marque 2.',
      'One more question: if the person affected is a minor, pregnant, aged 60 or over, has a disability or a chronic illness, or speaks Miskito, Garifuna or another indigenous language, press 1. If not, press 2.',
    ),
    options: [
      opt('1', ['si', 'menor', 'embarazada', 'discapacidad', 'nino', 'nina'], ['yes', 'minor', 'pregnant', 'disability', 'child'], { pending: 'raise' }),
      opt('2', ['no', 'ninguna', 'ninguno'], ['no', 'none'], { pending: 'keep' }),
    ],
    agent: { category: 'SIN_CLASIFICAR', priority: 2, reason: 'Pregunta de vulnerabilidad' },
  },
  {
    id: 'after_hours',
    prompt: t(
      'En este momento no hay agentes disponibles. Para que un agente le devuelva la llamada en cuanto abramos, marque 1. Para dejar un mensaje de voz, marque 2.',
      'No agents are available right now. For an agent to call you back as soon as we open, press 1. To leave a voice message, press 2.',
    ),
    options: [
      opt('1', ['llamada', 'llamen', 'devolver', 'callback'], ['call back', 'callback', 'call me'], { callback: true }),
      opt('2', ['mensaje', 'buzon', 'voz'], ['message', 'voicemail', 'voice'], { voicemail: true }),
    ],
    agent: { category: 'SIN_CLASIFICAR', priority: 3, reason: 'Fuera de horario' },
  },
  info('i_appointments', t(
    'Las citas consulares se piden en el sistema oficial de citas de la Secretaría de Relaciones Exteriores. Las citas son gratuitas: nadie puede cobrarle por ellas.',
    'Consular appointments are booked in the official appointment system of the Ministry of Foreign Affairs. Appointments are free: nobody may charge you for them.',
  ), documents),
  info('i_passport', t(
    'Para el pasaporte hondureño necesita su tarjeta de identidad o su partida de nacimiento, y presentarse en persona con su cita confirmada.',
    'For a Honduran passport you need your identity card or birth certificate, and you must come in person with a confirmed appointment.',
  ), documents),
  info('i_registry', t(
    'Las partidas de nacimiento y la tarjeta de identidad se tramitan con el Registro Nacional de las Personas, también a través de los consulados.',
    'Birth certificates and identity cards are handled by the National Registry of Persons, also through the consulates.',
  ), documents),
  info('i_tps', t(
    'El TPS para Honduras tiene fechas de registro y reinscripción que publica el gobierno de Estados Unidos. No pague a intermediarios: el trámite oficial tiene costos publicados.',
    'TPS for Honduras has registration and re-registration dates published by the United States government. Do not pay middlemen: the official process has published fees.',
  ), legal),
  info('i_rights', t(
    'Durante una redada usted tiene derecho a guardar silencio, a no abrir la puerta sin una orden firmada por un juez, a no firmar nada que no entienda, y a pedir hablar con su consulado.',
    'During a raid you have the right to remain silent, not to open the door without a warrant signed by a judge, not to sign anything you do not understand, and to ask to speak to your consulate.',
  ), legal),
  info('i_legal_help', t(
    'Hay organizaciones que ofrecen ayuda legal gratuita o de bajo costo. Un agente puede darle contactos cerca de usted.',
    'There are organisations offering free or low-cost legal help. An agent can give you contacts near you.',
  ), legal),
  info('i_asylum', t(
    'En México, la solicitud de refugio se presenta ante la Comisión Mexicana de Ayuda a Refugiados. Tiene plazos: un agente puede orientarle.',
    'In Mexico, asylum claims are made to the Mexican Commission for Refugee Assistance. There are deadlines: an agent can guide you.',
  ), legal),
  info('i_risks', t(
    'La migración irregular expone a secuestro, extorsión y trata de personas. Si alguien le ofrece trabajo o viaje con condiciones extrañas, pida ayuda antes de salir.',
    'Irregular migration exposes people to kidnapping, extortion and trafficking. If someone offers you work or travel on strange terms, ask for help before leaving.',
  ), legal),
  info('i_arrivals', t(
    'Las personas retornadas por vía aérea llegan al Centro de Atención al Migrante Retornado de San Pedro Sula; por tierra y mar, al de Omoa. Allí reciben atención y pueden ser recogidas por su familia.',
    'People returned by air arrive at the returnee reception centre in San Pedro Sula; by land and sea, at Omoa. They receive assistance there and can be collected by their family.',
  ), returnees),
  info('i_reintegration', t(
    'Las Unidades Municipales de Atención al Retornado apoyan la reintegración en su municipio. Un agente puede indicarle la unidad más cercana.',
    'Municipal returnee units support reintegration in your municipality. An agent can tell you the nearest one.',
  ), returnees),
];

export const hotlineFlow: Flow = {
  start: 'main',
  nodes: Object.fromEntries(nodes.map((n) => [n.id, n])),
  messages: {
    notUnderstood: t('Disculpe, no entendimos su respuesta.', 'Sorry, we did not understand your answer.'),
    noInput: t('No escuchamos ninguna respuesta.', 'We did not hear an answer.'),
    toAgent: t(
      'Le comunicamos con un agente. Por favor, no cuelgue.',
      'We are connecting you to an agent. Please stay on the line.',
    ),
    infoFooter: t(
      'Para repetir, marque 9. Para recibir esta información por mensaje de texto, marque 2. Para hablar con un agente, marque 0. Para volver al menú principal, marque 1.',
      'To repeat, press 9. To receive this information by text message, press 2. To speak to an agent, press 0. To return to the main menu, press 1.',
    ),
    useKeypad: t(
      'No logramos entender su voz. Por favor, use el teclado de su teléfono.',
      'We could not understand your voice. Please use your phone keypad.',
    ),
    smsSent: t('Le enviamos esta información por mensaje de texto.', 'We have sent you this information by text message.'),
    smsUnavailable: t(
      'No podemos enviar mensajes de texto a un número oculto o desconocido.',
      'We cannot send text messages to a hidden or unknown number.',
    ),
    afterHours: t(
      'Gracias por llamar a ALHO Voz. Nuestro horario de atención es de 6 de la mañana a 10 de la noche, hora de Honduras.',
      'Thank you for calling ALHO Voz. Our opening hours are 6 in the morning to 10 at night, Honduras time.',
    ),
    caseNotFound: t('No encontramos un caso con ese número.', 'We could not find a case with that number.'),
    placeNotFound: t('No reconocimos esa ciudad o estado.', 'We did not recognise that city or state.'),
    caseStatus: {
      new: t('Su caso número {number} fue recibido y un agente lo revisará pronto.', 'Your case number {number} has been received and an agent will review it soon.'),
      in_progress: t('Su caso número {number} está en proceso. Un agente está trabajando en él.', 'Your case number {number} is in progress. An agent is working on it.'),
      waiting_caller: t(
        'Su caso número {number} está esperando información de usted. Por favor, hable con un agente marcando 0.',
        'Your case number {number} is waiting for information from you. Please speak to an agent by pressing 0.',
      ),
      escalated: t(
        'Su caso número {number} fue enviado al consulado o a la institución competente, que le dará seguimiento.',
        'Your case number {number} has been sent to the consulate or competent institution, which will follow it up.',
      ),
      resolved: t('Su caso número {number} fue resuelto.', 'Your case number {number} has been resolved.'),
      closed: t('Su caso número {number} está cerrado. Si necesita más ayuda, hable con un agente.', 'Your case number {number} is closed. If you need more help, speak to an agent.'),
    },
  },
};
