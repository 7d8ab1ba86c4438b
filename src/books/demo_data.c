/* demo_data.c - names, streets, cities, departments and the catalogue of a
 * Spanish industrial supplies company, for the demo. Accents and ñ on
 * purpose: the screens and exports must carry them intact. */
#include "demo_data.h"

#define LIST(name, ...) \
	static const char *const name##_w[] = { __VA_ARGS__ }; \
	const struct demo_list name = { name##_w, sizeof name##_w / sizeof name##_w[0] }

void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
	r->s = seed ^ (stream * UINT64_C(0xd1342543de82ef95));
	demo_rng_next(r);
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
	/* the modulo bias is far below anything a demo could show */
	return demo_rng_next(r) % n;
}

int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)demo_rng_below(r, (uint64_t)(hi - lo + 1));
}

int demo_rng_chance(struct demo_rng *r, unsigned pct)
{
	return demo_rng_below(r, 100) < pct;
}

uint64_t demo_rng_skewed(struct demo_rng *r, uint64_t n)
{
	/* the smaller of two uniform draws: index k has weight ~ (n - k) */
	uint64_t a = demo_rng_below(r, n), b = demo_rng_below(r, n);

	return a < b ? a : b;
}

const char *demo_pick(struct demo_rng *r, const struct demo_list *l)
{
	return l->words[demo_rng_below(r, l->n)];
}

LIST(demo_first_male,
	"Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier", "Daniel",
	"Carlos", "Jesús", "Alejandro", "Miguel Ángel", "Rafael", "Pablo", "Sergio",
	"Fernando", "Jorge", "Luis", "Alberto", "Álvaro", "Adrián", "Diego", "Raúl",
	"Iván", "Rubén", "Óscar", "Andrés", "Joaquín", "Ramón", "Enrique", "Víctor",
	"Ignacio", "Iñaki", "Jordi", "Xavier", "Íñigo", "Gonzalo", "Héctor", "Julián",
	"Nicolás", "Martí", "Xosé", "Aitor", "Borja", "Txema");

LIST(demo_first_female,
	"María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía",
	"Elena", "Pilar", "Paula", "Sara", "Raquel", "Rocío", "Beatriz", "Nuria",
	"Silvia", "Patricia", "Mónica", "Inmaculada", "Begoña", "Ainhoa", "Montserrat",
	"Mercè", "Sofía", "Irene", "Alba", "Noelia", "Verónica", "Ángela", "Amparo",
	"Concepción", "Dolores", "Encarnación", "Remedios", "Asunción", "Leire", "Núria",
	"Itziar", "Marina", "Maite", "Iria", "Judit", "Estíbaliz");

LIST(demo_surnames,
	"García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
	"Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno",
	"Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
	"Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina",
	"Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín",
	"Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos",
	"Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Cruz", "Calvo", "Gallego",
	"Vidal", "León", "Márquez", "Herrera", "Peña", "Flores", "Cabrera", "Campos",
	"Vega", "Fuentes", "Carrasco", "Díez", "Caballero", "Reyes", "Nieto", "Aguilar",
	"Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Giménez",
	"Ibáñez", "Ferrer", "Durán", "Benítez", "Mora", "Vicente", "Arias", "Carmona",
	"Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Soler", "Parra",
	"Esteban", "Bravo", "Gallardo", "Peñalver", "Güell", "Argüelles", "Castañeda",
	"Zúñiga", "Quiñones", "Echeverría", "Olabarría", "Urquijo", "Agustí", "Casals",
	"Roig", "Vilà", "Solà", "Masó", "Puigvert", "Iribarren", "Otxoa", "Llorente",
	"Bermúdez", "Sagüés", "Montañés", "Ordóñez", "Valbuena", "Goñi");

LIST(demo_streets,
	"Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo de la Castellana",
	"Calle de Alcalá", "Gran Vía", "Rambla de Catalunya", "Calle San Vicente Mártir",
	"Avenida de Andalucía", "Calle Larios", "Calle Sierpes", "Passeig de Gràcia",
	"Calle Colón", "Calle Nueva", "Avenida del Puerto", "Calle de la Paz",
	"Plaza de España", "Calle Ancha", "Calle Doctor Fleming", "Avenida de Europa",
	"Calle Núñez de Balboa", "Calle Príncipe de Vergara", "Carrer de Muntaner",
	"Calle General Martínez Campos", "Calle Iturribide", "Rúa do Franco",
	"Calle Peñuelas", "Avenida de la Albufera", "Calle Cañada Real", "Camino de Ronda",
	"Calle Marqués de Larios", "Avenida de Logroño", "Calle Zurbarán", "Calle Bailén",
	"Polígono Industrial Las Águilas, nave", "Polígono Industrial San Cristóbal, parcela",
	"Polígono Industrial El Carrús, nave", "Polígono Industrial Júndiz, pabellón",
	"Carretera de Andalucía, km", "Calle Carpinteros", "Calle Fundidores",
	"Avenida de los Castañeros", "Calle Señorío de Vizcaya", "Calle Güeñes");

const struct demo_city demo_cities[] = {
	{ "Madrid", 28 }, { "Barcelona", 8 }, { "Valencia", 46 }, { "Sevilla", 41 },
	{ "Zaragoza", 50 }, { "Málaga", 29 }, { "Murcia", 30 }, { "Palma", 7 },
	{ "Bilbao", 48 }, { "Alicante", 3 }, { "Córdoba", 14 }, { "Valladolid", 47 },
	{ "Vigo", 36 }, { "Gijón", 33 }, { "A Coruña", 15 }, { "Granada", 18 },
	{ "Vitoria-Gasteiz", 1 }, { "Elche", 3 }, { "Oviedo", 33 }, { "Santander", 39 },
	{ "Pamplona", 31 }, { "Logroño", 26 }, { "Salamanca", 37 }, { "Cáceres", 10 },
	{ "Almería", 4 }, { "Castellón de la Plana", 12 }, { "Badajoz", 6 },
	{ "Lleida", 25 }, { "Girona", 17 }, { "Tarragona", 43 }, { "León", 24 },
	{ "Burgos", 9 }, { "Jaén", 23 }, { "Huelva", 21 }, { "Cádiz", 11 },
	{ "Albacete", 2 }, { "Toledo", 45 }, { "Ávila", 5 }, { "Móstoles", 28 },
	{ "Alcalá de Henares", 28 }, { "Sant Cugat del Vallès", 8 }, { "Getafe", 28 },
};
const size_t demo_ncities = sizeof demo_cities / sizeof demo_cities[0];

LIST(demo_trades,
	"Ferretería", "Construcciones", "Reformas", "Instalaciones", "Electricidad",
	"Fontanería", "Carpintería", "Talleres", "Distribuciones", "Suministros",
	"Almacenes", "Climatización", "Pinturas", "Cerrajería", "Jardinería",
	"Mantenimientos", "Montajes", "Estructuras Metálicas", "Obras y Servicios",
	"Aluminios", "Cristalería", "Bricolaje", "Maderas", "Hormigones", "Excavaciones",
	"Aislamientos", "Calefacciones", "Mudanzas", "Rehabilitaciones", "Náutica");

LIST(demo_company_words,
	"del Norte", "Levante", "Ibérica", "del Sur", "Cantábrica", "Mediterránea",
	"Atlántica", "Peninsular", "de la Sierra", "del Valle", "Castellana", "Aragonesa",
	"Gallega", "Andaluza", "Balear", "Riojana", "Vasca", "Navarra", "Manchega");

static const char *const pos_direccion[] = { "Director general adjunto", "Asistente de dirección", NULL };
static const char *const pos_admin[] = { "Administrativo", "Auxiliar administrativo", "Recepcionista", NULL };
static const char *const pos_conta[] = { "Contable", "Técnico contable", NULL };
static const char *const pos_rrhh[] = { "Técnico de RR. HH.", "Técnico de nóminas", NULL };
static const char *const pos_ventas[] = { "Comercial", "Comercial de zona", "Televendedor", "Técnico comercial", NULL };
static const char *const pos_almacen[] = { "Mozo de almacén", "Carretillero", "Preparador de pedidos", "Mozo de almacén", NULL };
static const char *const pos_logistica[] = { "Conductor repartidor", "Planificador de rutas", NULL };
static const char *const pos_compras[] = { "Comprador", "Técnico de compras", NULL };
static const char *const pos_cobros[] = { "Gestor de cobros", "Técnico de recobro", NULL };
static const char *const pos_it[] = { "Técnico de sistemas", "Programador", NULL };

const struct demo_dept demo_depts[] = {
	{ "Dirección", "Director general", pos_direccion, 42000, 90000, 1 },
	{ "Administración", "Jefe de administración", pos_admin, 19000, 30000, 3 },
	{ "Contabilidad", "Responsable de contabilidad", pos_conta, 24000, 38000, 2 },
	{ "Recursos Humanos", "Responsable de RR. HH.", pos_rrhh, 24000, 36000, 1 },
	{ "Ventas", "Director comercial", pos_ventas, 21000, 40000, 5 },
	{ "Almacén", "Jefe de almacén", pos_almacen, 17500, 24000, 6 },
	{ "Logística", "Responsable de logística", pos_logistica, 19000, 27000, 3 },
	{ "Compras", "Responsable de compras", pos_compras, 24000, 36000, 2 },
	{ "Cobros", "Responsable de cobros", pos_cobros, 21000, 32000, 2 },
	{ "Informática", "Responsable de sistemas", pos_it, 26000, 45000, 1 },
};
const size_t demo_ndepts = sizeof demo_depts / sizeof demo_depts[0];

#define V(...) (const char *const[]) { __VA_ARGS__, NULL }

/* Mostly 21 % VAT, as a hardware supplier's catalogue is; the staff
 * canteen goods (10 %), technical books (4 %) and exempt training (0 %)
 * make sure every rate shows up in the totals. */
const struct demo_product demo_products[] = {
	{ "TOR", "Tornillo hexagonal", "ud", 18, 21, V("M4 × 20", "M5 × 30", "M6 × 40", "M8 × 50", "M10 × 60", "M12 × 80") },
	{ "TUE", "Tuerca autoblocante", "ud", 9, 21, V("M4", "M5", "M6", "M8", "M10", "M12") },
	{ "ARA", "Arandela plana zincada", "ud", 4, 21, V("Ø 4", "Ø 6", "Ø 8", "Ø 10", "Ø 12") },
	{ "TAC", "Taco de nailon", "ud", 6, 21, V("6 mm", "8 mm", "10 mm", "12 mm") },
	{ "BRO", "Broca HSS cobalto", "ud", 295, 21, V("3 mm", "5 mm", "6 mm", "8 mm", "10 mm", "12 mm") },
	{ "DIS", "Disco de corte para metal", "ud", 185, 21, V("115 mm", "125 mm", "230 mm") },
	{ "CAB", "Cable eléctrico H07V-K", "m", 62, 21, V("1,5 mm²", "2,5 mm²", "4 mm²", "6 mm²", "10 mm²") },
	{ "TUB", "Tubo de PVC evacuación", "m", 310, 21, V("Ø 32", "Ø 40", "Ø 50", "Ø 110", "Ø 125") },
	{ "COB", "Tubo de cobre recocido", "m", 720, 21, V("Ø 12", "Ø 15", "Ø 18", "Ø 22") },
	{ "CEM", "Cemento cola gris", "kg", 38, 21, V("saco 25 kg", "flexible C2TE", "rápido") },
	{ "YES", "Yeso de construcción", "kg", 21, 21, V("YG", "YF fino", "proyectado") },
	{ "PIN", "Pintura plástica mate", "l", 495, 21, V("blanco", "gris perla", "marfil", "azul añil", "verde oliva") },
	{ "ACE", "Aceite hidráulico", "l", 560, 21, V("ISO 32", "ISO 46", "ISO 68") },
	{ "GUA", "Guantes de nitrilo", "ud", 125, 21, V("talla S", "talla M", "talla L", "talla XL") },
	{ "CAS", "Casco de seguridad", "ud", 890, 21, V("blanco", "amarillo", "azul", "rojo") },
	{ "CIN", "Cinta americana", "ud", 410, 21, V("gris 50 m", "negra 50 m", "plata 25 m") },
	{ "SIL", "Silicona neutra", "ud", 525, 21, V("blanca", "transparente", "gris") },
	{ "LLA", "Llave combinada", "ud", 640, 21, V("10 mm", "13 mm", "17 mm", "19 mm", "22 mm") },
	{ "MAR", "Martillo de carpintero", "ud", 1490, 21, V("300 g", "500 g", "700 g") },
	{ "DES", "Destornillador aislado", "ud", 760, 21, V("plano 4 mm", "plano 6 mm", "PH1", "PH2", "PZ2") },
	{ "ALI", "Alicates universales", "ud", 1290, 21, V("160 mm", "180 mm", "200 mm") },
	{ "FLE", "Flexómetro con freno", "ud", 850, 21, V("3 m", "5 m", "8 m") },
	{ "NIV", "Nivel de burbuja de aluminio", "ud", 1750, 21, V("40 cm", "60 cm", "100 cm") },
	{ "ESC", "Escalera de aluminio", "ud", 8900, 21, V("3 peldaños", "5 peldaños", "7 peldaños") },
	{ "CAR", "Carretilla de obra", "ud", 6500, 21, V("80 l", "100 l") },
	{ "MAN", "Manguera de riego", "m", 145, 21, V("½\"", "¾\"", "1\"") },
	{ "GRI", "Grifo monomando", "ud", 4590, 21, V("lavabo", "fregadero", "ducha") },
	{ "LED", "Bombilla LED", "ud", 345, 21, V("E27 9 W", "E27 12 W", "E14 5 W", "GU10 6 W") },
	{ "INT", "Interruptor empotrable", "ud", 395, 21, V("sencillo", "conmutado", "cruzamiento") },
	{ "ENC", "Base de enchufe schuko", "ud", 420, 21, V("blanca", "marfil", "antracita") },
	{ "DIF", "Interruptor diferencial", "ud", 3450, 21, V("2P 25 A", "2P 40 A", "4P 40 A") },
	{ "MAG", "Magnetotérmico", "ud", 690, 21, V("1P+N 10 A", "1P+N 16 A", "1P+N 20 A", "1P+N 25 A") },
	{ "RED", "Cable de red Cat 6", "m", 48, 21, V("UTP", "FTP", "exterior") },
	{ "PIO", "Listón de pino cepillado", "m", 235, 21, V("20 × 20", "30 × 40", "45 × 70") },
	{ "TAB", "Tablero DM", "ud", 2890, 21, V("10 mm", "16 mm", "19 mm", "hidrófugo 19 mm") },
	{ "PLA", "Placa de yeso laminado", "ud", 735, 21, V("BA13", "BA15", "hidrófuga", "ignífuga") },
	{ "PER", "Perfil de aluminio", "m", 540, 21, V("en L 20 × 20", "en U 30 × 15", "tubo 20 × 20") },
	{ "CHA", "Chapa galvanizada", "kg", 195, 21, V("0,6 mm", "0,8 mm", "1,0 mm", "1,5 mm") },
	{ "VAR", "Varilla roscada zincada", "ud", 155, 21, V("M6 × 1 m", "M8 × 1 m", "M10 × 1 m", "M12 × 1 m") },
	{ "CAD", "Cadena galvanizada", "m", 390, 21, V("3 mm", "5 mm", "8 mm") },
	{ "LIJ", "Lija de óxido de aluminio", "ud", 70, 21, V("grano 80", "grano 120", "grano 180", "grano 240") },
	{ "ROD", "Rodillo antigota", "ud", 690, 21, V("18 cm", "22 cm") },
	{ "DIL", "Disolvente universal", "l", 410, 21, V("garrafa", "lata") },
	{ "ELE", "Electrodo de rutilo", "kg", 980, 21, V("Ø 2,5", "Ø 3,2", "Ø 4,0") },
	{ "AGU", "Agua mineral para el personal", "ud", 55, 10, V("1,5 l", "0,5 l") },
	{ "CAF", "Café en grano para máquina", "kg", 1490, 10, V("natural", "descafeinado") },
	{ "LIB", "Manual técnico (libro)", "ud", 2500, 4, V("de fontanería", "de electricidad", "de soldadura", "de prevención de riesgos") },
	{ "FOR", "Curso de formación bonificada", "ud", 12000, 0, V("carretillas", "trabajos en altura", "PRL básico") },
};
const size_t demo_nproducts = sizeof demo_products / sizeof demo_products[0];

const struct demo_service demo_services[] = {
	{ "Portes y embalaje", 1500, 21 },
	{ "Servicio de montaje en obra", 8500, 21 },
	{ "Alquiler de andamio (semana)", 12000, 21 },
	{ "Formación de uso del equipo (exenta)", 9000, 0 },
	{ "Suscripción a revista técnica", 4800, 4 },
};
const size_t demo_nservices = sizeof demo_services / sizeof demo_services[0];
